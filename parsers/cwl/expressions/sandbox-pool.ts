// A small pool of sandbox processes: queues JavaScript evaluations, and kills and replaces a process that outlives
// its time limit (the watchdog) or dies.
import type { ChildProcess } from 'node:child_process';
import type { SandboxFailure, SandboxReply, SandboxRequest } from './sandbox-protocol.js';
import { spawnSandboxProcess } from './sandbox-process.js';
import type { SandboxProcessLimits } from './sandbox-process.js';

export interface SandboxPoolOptions extends SandboxProcessLimits {
  readonly size: number; // processes, started on first use
  readonly graceMs: number; // how long after an evaluation's own time limit the watchdog kills its process
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
  child: ChildProcess | undefined;
  readonly inflight: Job[]; // sent to the process, answered in order; the first is the one it runs
  watchdog: NodeJS.Timeout | undefined; // armed for the first in-flight job
  stderr: string; // the last few KiB the process wrote there (V8's out-of-memory report)
}

const STDERR_KEPT = 4096;
const PIPELINED = 32; // requests sent ahead to a process, so that it never waits for the next one

// Creates the pool; no process starts until the first evaluation.
export function createSandboxPool(options: SandboxPoolOptions): SandboxPool {
  const slots: Slot[] = Array.from({ length: Math.max(1, options.size) }, () => ({
    child: undefined,
    inflight: [],
    watchdog: undefined,
    stderr: '',
  }));
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;

  // Arms the watchdog for the job the process runs now: its time limit and a grace period from now.
  const arm = (slot: Slot): void => {
    clearTimeout(slot.watchdog);
    const head = slot.inflight[0];
    slot.watchdog =
      head === undefined
        ? undefined
        : setTimeout(() => {
            discard(slot);
            fail(slot, 'timeout', `it ran longer than ${head.request.timeoutMs} ms`);
          }, head.request.timeoutMs + options.graceMs);
    holdOpen(slot.child, head !== undefined); // an idle process never keeps pipe running
  };

  // Kills a slot's process; the next job starts a new one.
  const discard = (slot: Slot): void => {
    const child = slot.child;
    slot.child = undefined;
    child?.kill('SIGKILL');
  };

  // Fails the job a lost process was running; the jobs sent after it go back to the front of the queue.
  const fail = (slot: Slot, failure: 'timeout' | 'crashed', message: string): void => {
    const [head, ...rest] = slot.inflight.splice(0);
    arm(slot);
    queue.unshift(...rest);
    head?.settle({ ok: false, failure, message });
    dispatch();
  };

  // Starts a process for a slot and routes its replies and its death to the slot's jobs.
  const start = (slot: Slot): ChildProcess => {
    const child = spawnSandboxProcess(options);
    slot.stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      if (slot.child === child) slot.stderr = (slot.stderr + text).slice(-STDERR_KEPT);
    });
    child.on('message', (reply: SandboxReply) => {
      if (slot.child !== child || slot.inflight[0]?.request.id !== reply.id) return;
      const job = slot.inflight.shift();
      arm(slot);
      job?.settle(
        reply.ok ? { ok: true, json: reply.json } : { ok: false, failure: reply.failure, message: reply.message },
      );
      dispatch();
    });
    const died = (message: string): void => {
      if (slot.child !== child) return;
      slot.child = undefined;
      fail(slot, 'crashed', message);
    };
    child.on('error', (error: Error) => died(`the sandbox process failed: ${error.message}`));
    child.on('exit', (code, signal) => died(crashMessage(code, signal, slot.stderr, options.heapMb)));
    return child;
  };

  // Sends queued jobs to the least busy processes.
  const dispatch = (): void => {
    while (!closed && queue.length > 0) {
      const slot = slots.reduce((best, next) => (next.inflight.length < best.inflight.length ? next : best));
      if (slot.inflight.length >= PIPELINED) return;
      const job = queue.shift() as Job;
      const child = slot.child ?? (slot.child = start(slot));
      slot.inflight.push(job);
      if (slot.inflight.length === 1) arm(slot);
      child.send(job.request);
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
      const children = slots.map((slot) => slot.child).filter((child) => child !== undefined);
      const pending = [...queue.splice(0), ...slots.flatMap((slot) => slot.inflight.splice(0))];
      for (const slot of slots) {
        slot.child = undefined;
        clearTimeout(slot.watchdog);
      }
      for (const job of pending) job.settle(outcome);
      await Promise.all(children.map(stop));
    },
  };
}

// Lets a busy process keep the event loop alive, and an idle one not.
function holdOpen(child: ChildProcess | undefined, busy: boolean): void {
  if (child === undefined) return;
  if (busy) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}

// Closes a process's channel (it exits on that) and waits for it to end, keeping the event loop alive meanwhile.
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.ref();
    if (child.connected) child.disconnect();
    else child.kill('SIGKILL');
  });
}

// Why a process died, in words.
function crashMessage(code: number | null, signal: string | null, stderr: string, heapMb: number): string {
  if (/heap limit|heap out of memory|out of memory/i.test(stderr))
    return `it used more memory than the sandbox allows (${heapMb} MiB of heap)`;
  const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
  const said = stderr.trim().split('\n').pop();
  return `the sandbox process ${how}${said === undefined || said === '' ? '' : `: ${said}`}`;
}
