// A small pool of sandbox worker threads: queues JavaScript evaluations, and terminates and replaces a worker that
// outlives its time limit (the watchdog) or dies.
import { Worker } from 'node:worker_threads';
import type { SandboxFailure, SandboxReply, SandboxRequest } from './sandbox-protocol.js';

export interface SandboxPoolOptions {
  readonly size: number; // worker threads, started on first use
  readonly memoryLimitMb: number; // V8 old-generation heap limit of each worker
  readonly graceMs: number; // how long after an evaluation's own time limit the watchdog terminates its worker
}

// What an evaluation came to: the result's JSON text, or a failure with a message.
export type SandboxOutcome =
  | { readonly ok: true; readonly json: string }
  | { readonly ok: false; readonly failure: SandboxFailure | 'crashed' | 'closed'; readonly message: string };

export interface SandboxPool {
  run(request: Omit<SandboxRequest, 'id'>): Promise<SandboxOutcome>;
  close(): Promise<void>;
}

interface Job {
  readonly request: SandboxRequest;
  readonly settle: (outcome: SandboxOutcome) => void;
}

interface Slot {
  worker: Worker | undefined;
  job: Job | undefined;
  watchdog: NodeJS.Timeout | undefined;
}

// Creates the pool; no thread starts until the first evaluation.
export function createSandboxPool(options: SandboxPoolOptions): SandboxPool {
  const slots: Slot[] = Array.from({ length: Math.max(1, options.size) }, () => ({
    worker: undefined,
    job: undefined,
    watchdog: undefined,
  }));
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  // Ends a slot's job with an outcome and frees the slot.
  const finish = (slot: Slot, outcome: SandboxOutcome): void => {
    const job = slot.job;
    clearTimeout(slot.watchdog);
    slot.job = undefined;
    slot.watchdog = undefined;
    slot.worker?.unref(); // an idle worker never keeps the process alive
    job?.settle(outcome);
  };

  // Stops a slot's worker; the next job starts a new one.
  const discard = (slot: Slot): void => {
    const worker = slot.worker;
    slot.worker = undefined;
    if (worker !== undefined) void worker.terminate();
  };

  // Starts a worker for a slot and routes its replies and its death to the slot's job.
  const start = (slot: Slot): Worker => {
    const worker = spawnSandboxWorker(options.memoryLimitMb);
    worker.on('message', (reply: SandboxReply) => {
      if (slot.worker !== worker || slot.job?.request.id !== reply.id) return;
      finish(
        slot,
        reply.ok ? { ok: true, json: reply.json } : { ok: false, failure: reply.failure, message: reply.message },
      );
      dispatch();
    });
    worker.on('error', (error: Error) => {
      if (slot.worker !== worker) return;
      discard(slot);
      finish(slot, { ok: false, failure: 'crashed', message: crashMessage(error) });
      dispatch();
    });
    worker.on('exit', (exitCode) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      finish(slot, { ok: false, failure: 'crashed', message: `the sandbox thread exited with code ${exitCode}` });
      dispatch();
    });
    return worker;
  };

  // Hands queued jobs to free slots.
  const dispatch = (): void => {
    for (const slot of slots) {
      if (closed || queue.length === 0) return;
      if (slot.job !== undefined) continue;
      const job = queue.shift();
      if (job === undefined) return;
      const worker = slot.worker ?? (slot.worker = start(slot));
      slot.job = job;
      worker.ref();
      slot.watchdog = setTimeout(() => {
        discard(slot);
        finish(slot, { ok: false, failure: 'timeout', message: `it ran longer than ${job.request.timeoutMs} ms` });
        dispatch();
      }, job.request.timeoutMs + options.graceMs);
      worker.postMessage(job.request);
    }
  };

  return {
    run(request) {
      if (closed)
        return Promise.resolve({ ok: false, failure: 'closed', message: 'the expression evaluator is closed' });
      return new Promise<SandboxOutcome>((settle) => {
        queue.push({ request: { ...request, id: nextId++ }, settle });
        dispatch();
      });
    },
    async close() {
      closed = true;
      const outcome: SandboxOutcome = { ok: false, failure: 'closed', message: 'the expression evaluator was closed' };
      for (const job of queue.splice(0)) job.settle(outcome);
      const workers = slots.map((slot) => slot.worker).filter((worker) => worker !== undefined);
      for (const slot of slots) {
        slot.worker = undefined;
        finish(slot, outcome);
      }
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

// A worker running sandbox-worker; from TypeScript sources (tests, tsx) it is loaded through tsx's loader.
function spawnSandboxWorker(memoryLimitMb: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb }, env: {}, stdout: true, stderr: true };
  const own = import.meta.url;
  if (!own.endsWith('.ts')) return new Worker(new URL('./sandbox-worker.js', own), options);
  const source = new URL('./sandbox-worker.ts', own).href;
  const loader = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(loader, { ...options, eval: true });
}

// Why a worker died, in words.
function crashMessage(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'it used more memory than the sandbox allows';
  return `the sandbox thread failed: ${error.message}`;
}
