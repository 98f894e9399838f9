// A replay of Nextflow's executor loop for grid executors, from its source (TaskPollingMonitor, GridTaskHandler,
// AbstractGridExecutor): a submit loop that submits pending tasks one at a time while fewer than `capacity` are
// outstanding (sbatch/qsub in the work dir, stdin an open pipe never written, stdout and stderr merged, the job id
// parsed as Nextflow parses it); a poll loop that every pollInterval checks each task: started when .command.begin
// exists or the queue status says it is not pending; completed when .exitcode holds a number, or, when it is
// missing and the queue no longer lists the job as active, after exitReadTimeout (exit status Integer.MAX_VALUE).
// The queue status command runs at most once per queueStatInterval (Throttle.cache) for all tasks.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Flavour, QueueStatus } from './flavours.js';
import { writeWorkDir, type WrappedTask } from './wrapper.js';

export const MAX_VALUE = 2_147_483_647; // Integer.MAX_VALUE: Nextflow's "exit status could not be read"

export interface LoopOptions {
  readonly flavour: Flavour;
  readonly env: NodeJS.ProcessEnv; // PATH decides whose sbatch runs
  readonly user: string;
  readonly capacity?: number | undefined; // executor.queueSize (default 100)
  readonly pollIntervalMs?: number | undefined; // executor.pollInterval (default 5 s for grid executors)
  readonly queueStatIntervalMs?: number | undefined; // executor.queueStatInterval (default 1 min)
  readonly exitReadTimeoutMs?: number | undefined; // executor.exitReadTimeout (default 270 s)
}

export interface TaskHandle {
  readonly task: WrappedTask;
  jobId: string | undefined;
  status: 'NEW' | 'SUBMITTED' | 'RUNNING' | 'COMPLETED';
  exitStatus: number | undefined;
  submitError: string | undefined;
  submittedAt: number | undefined;
  submitMs: number | undefined; // how long the submit command took
  startedAt: number | undefined;
  completedAt: number | undefined;
  readonly queueStatuses: Set<QueueStatus | 'ABSENT'>; // what the queue said of the job while it was polled
  readonly done: Promise<void>;
}

interface Internal extends TaskHandle {
  finish: () => void;
  exitTimestamp1: number;
}

export interface ExecutorLoop {
  submit(task: WrappedTask): TaskHandle;
  kill(handle: TaskHandle): Promise<{ code: number | null; output: string }>;
  readonly maxOutstanding: number; // the most tasks submitted and not completed at once
  readonly statusCalls: number;
  stop(): void;
}

// Runs a command as Nextflow's ProcessBuilder does (stderr merged into stdout); stdin stays an open pipe.
export function run(argv: readonly string[], cwd: string | undefined, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (error) => resolve({ code: 127, output: error.message }));
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ code, output });
    });
  });
}

// Starts the loop; tasks run as they are submitted.
export function startExecutorLoop(options: LoopOptions): ExecutorLoop {
  const { flavour, env } = options;
  const capacity = options.capacity ?? 100;
  const pollMs = options.pollIntervalMs ?? 5_000;
  const queueStatMs = options.queueStatIntervalMs ?? 60_000;
  const exitReadTimeoutMs = options.exitReadTimeoutMs ?? 270_000;
  const pending: Internal[] = [];
  const running: Internal[] = [];
  let stopped = false;
  let maxOutstanding = 0;
  let statusCalls = 0;
  let cached: { at: number; status: Map<string, QueueStatus> | undefined } | undefined;
  let wakeSubmitter: (() => void) | undefined;

  // AbstractGridExecutor.getQueueStatus: one status command per queueStatInterval, for all tasks.
  const queueStatus = async (): Promise<Map<string, QueueStatus> | undefined> => {
    if (cached !== undefined && Date.now() - cached.at < queueStatMs) return cached.status;
    statusCalls += 1;
    const result = await run(flavour.queueStatusCommand(options.user), undefined, env);
    cached = { at: Date.now(), status: result.code === 0 ? flavour.parseQueueStatus(result.output) : undefined };
    return cached.status;
  };

  // GridTaskHandler.readExitStatus.
  const readExitStatus = async (h: Internal): Promise<number | undefined> => {
    const exitFile = join(h.task.workDir, '.exitcode');
    if (!existsSync(exitFile)) {
      const status = await queueStatus();
      const active =
        status === undefined ||
        (status.has(h.jobId!) && (status.get(h.jobId!) === 'RUNNING' || status.get(h.jobId!) === 'HOLD'));
      if (Date.now() - h.startedAt! < queueStatMs * 2.5) return undefined;
      if (active) {
        h.exitTimestamp1 = 0;
        return undefined;
      }
      if (h.exitTimestamp1 === 0) h.exitTimestamp1 = Date.now();
      return Date.now() - h.exitTimestamp1 < exitReadTimeoutMs ? undefined : MAX_VALUE;
    }
    const text = readFileSync(exitFile, 'utf8').trim();
    if (text === '') return undefined;
    const n = Number(text);
    return Number.isInteger(n) ? n : MAX_VALUE;
  };

  // TaskPollingMonitor.checkTaskStatus: checkIfRunning, then checkIfCompleted.
  const check = async (h: Internal): Promise<void> => {
    const status = await queueStatus();
    h.queueStatuses.add(status === undefined ? 'UNKNOWN' : (status.get(h.jobId!) ?? 'ABSENT'));
    if (h.status === 'SUBMITTED') {
      const begun = existsSync(join(h.task.workDir, '.command.begin'));
      const listed = status?.get(h.jobId!);
      if (begun || (listed !== undefined && listed !== 'PENDING')) {
        h.status = 'RUNNING';
        h.startedAt = Date.now();
      }
    }
    if (h.status !== 'RUNNING') return;
    const exit = await readExitStatus(h);
    if (exit === undefined) return;
    h.exitStatus = exit;
    h.status = 'COMPLETED';
    h.completedAt = Date.now();
    running.splice(running.indexOf(h), 1);
    h.finish();
    wakeSubmitter?.();
  };

  // GridTaskHandler.submit.
  const submitOne = async (h: Internal): Promise<void> => {
    const before = Date.now();
    const result = await run(flavour.submitCommand(h.task, '.command.run'), h.task.workDir, env);
    h.submittedAt = Date.now();
    h.submitMs = h.submittedAt - before;
    try {
      if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.output}`);
      h.jobId = flavour.parseJobId(result.output);
      h.status = 'SUBMITTED';
      running.push(h);
      maxOutstanding = Math.max(maxOutstanding, running.length);
    } catch (error) {
      h.submitError = (error as Error).message;
      h.status = 'COMPLETED';
      h.finish();
    }
  };

  void (async () => {
    while (!stopped) {
      const h = pending[0];
      if (h === undefined || running.length >= capacity) {
        await new Promise<void>((resolve) => (wakeSubmitter = resolve));
        continue;
      }
      pending.shift();
      await submitOne(h);
    }
  })();
  void (async () => {
    while (!stopped) {
      const started = Date.now();
      for (const h of [...running]) await check(h);
      const delta = pollMs - (Date.now() - started);
      if (delta > 0) await new Promise((resolve) => setTimeout(resolve, delta));
    }
  })();

  return {
    submit(task) {
      writeWorkDir(flavour, task);
      let finish = (): void => {};
      const done = new Promise<void>((resolve) => (finish = resolve));
      const h: Internal = {
        task,
        jobId: undefined,
        status: 'NEW',
        exitStatus: undefined,
        submitError: undefined,
        submittedAt: undefined,
        submitMs: undefined,
        startedAt: undefined,
        completedAt: undefined,
        queueStatuses: new Set(),
        done,
        finish,
        exitTimestamp1: 0,
      };
      pending.push(h);
      wakeSubmitter?.();
      return h;
    },
    kill: (h) => run([...flavour.killCommand, h.jobId!], undefined, env),
    get maxOutstanding() {
      return maxOutstanding;
    },
    get statusCalls() {
      return statusCalls;
    },
    stop() {
      stopped = true;
      wakeSubmitter?.();
    },
  };
}
