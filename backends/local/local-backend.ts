// The local backend: runs prepared tasks on this machine through a pool of bash launchers, one task each.
import { resolve } from 'node:path';
import type { Backend, JobStatus } from '../../engine/backend.js';
import { signalOfStatus } from '../common/exit-status.js';
import { createJobBook } from '../common/job-book.js';
import type { TaskOutput } from './launcher.js';
import { errFileOf, jobLine, LocalReason, type LocalJob } from './job.js';
import { createLauncherPool, type Slot } from './launcher-pool.js';
import type { LauncherEvent } from './protocol.js';
import { createWatchdog } from './watchdog.js';

export interface LocalBackendOptions {
  readonly launchDir: string; // light tasks run here; relative work dirs and errFiles resolve against it
  readonly killGraceMs?: number | undefined; // SIGTERM → SIGKILL delay on cancel and time limit (default 5 s)
  readonly stdout?: TaskOutput | undefined; // light tasks' stdout (default: pipe's own)
  readonly stderr?: TaskOutput | undefined; // copies of light tasks' stderr (default: pipe's own)
  readonly retainCompleted?: number | undefined; // completed statuses kept for poll() (default 10,000)
  // At most this many tasks run at once; each launcher then also holds its next task, so the engine may submit
  // up to twice as many (`lookahead`) and no launcher waits for a round trip between tasks. Unset: no cap.
  readonly maxRunning?: number | undefined;
}

const TICK_MS = 200;
const DEFAULT_KILL_GRACE_MS = 5_000;

// Creates the `local` backend; launchers start on demand and end on close().
export function createLocalBackend(opts: LocalBackendOptions): Backend {
  const launchDir = resolve(opts.launchDir);
  const graceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  let queue: LocalJob[] = [];
  let flushScheduled = false;

  // A throwing listener must not stop the launcher's remaining status lines (the book isolates it). An abort
  // before the start drops the task; afterwards only cancel() and kill() end it.
  const book = createJobBook<LocalJob>({
    backend: 'local',
    retain: opts.retainCompleted,
    onAbort: (job) => {
      if (job.pid === undefined && book.holds(job)) cancelJob(job, LocalReason.Cancelled);
    },
    onRetire: (job) => watchdog.delete(job),
  });
  const complete = (job: LocalJob, status: JobStatus): void => void book.complete(job, status);

  // Completes a job that never reached a launcher.
  const dropQueued = (job: LocalJob, reason: string): void => {
    complete(job, { state: 'completed', exitCode: null, endedAt: Date.now(), reason });
  };

  // Signals a running task's whole process group.
  const signalGroup = (job: LocalJob, signal: NodeJS.Signals): void => {
    if (job.pid === undefined) return;
    try {
      process.kill(-job.pid, signal);
    } catch {
      try {
        process.kill(job.pid, signal); // no group of its own (bash without job control)
      } catch {
        // gone already; its end is on its way from the launcher
      }
    }
  };

  // SIGTERM now (or, for a job still waiting in a launcher's pipe, withdraw it), SIGKILL after the grace period.
  const terminate = (job: LocalJob, reason: string): void => {
    job.reason ??= reason;
    if (job.pid === undefined) {
      if (job.signalOnStart === undefined) pool.withdraw(job.task.id);
      job.signalOnStart ??= 'SIGTERM'; // in case the launcher read it before the withdrawal
      return;
    }
    if (job.killAt !== undefined) return;
    signalGroup(job, 'SIGTERM');
    job.killAt = Date.now() + graceMs;
    watchdog.add(job);
  };

  // Every tick: SIGKILL what outlived its grace period, SIGTERM what outlived its time limit.
  const watchdog = createWatchdog<LocalJob>(TICK_MS, (job, now) => {
    if (!book.holds(job)) return false;
    if (job.killAt !== undefined && now >= job.killAt) {
      signalGroup(job, 'SIGKILL');
      return false;
    }
    if (job.deadline !== undefined && now >= job.deadline) {
      job.deadline = undefined;
      terminate(job, LocalReason.TimeLimit);
    }
    return job.deadline !== undefined || job.killAt !== undefined;
  });

  // Hands queued jobs to launchers while they have room; deferred with setImmediate so a cancel right after
  // submit still drops them.
  const flush = (): void => {
    flushScheduled = false;
    let next = 0;
    for (; next < queue.length; next++) {
      const job = queue[next] as LocalJob;
      if (!book.holds(job)) continue; // cancelled or aborted while queued
      const slot = pool.acquire();
      if (slot === undefined) break;
      slot.jobs.push(job);
      job.slot = slot;
      slot.launcher.send(job.line);
    }
    queue = next === 0 ? queue : queue.slice(next);
  };
  const scheduleFlush = (): void => {
    if (flushScheduled || queue.length === 0) return;
    flushScheduled = true;
    setImmediate(flush);
  };

  // The launcher says S: report running, apply a cancel that came early, start the time-limit clock.
  const onStarted = (job: LocalJob, pid: number, time: number): void => {
    job.pid = pid;
    job.startedAt = time;
    book.started(job);
    book.emit(job.task.id, { state: 'running', startedAt: time, nativeId: String(pid) });
    if (job.signalOnStart === 'SIGKILL') signalGroup(job, 'SIGKILL');
    else if (job.signalOnStart === 'SIGTERM') terminate(job, LocalReason.Cancelled);
    if (job.task.timeLimitMs !== undefined && job.killAt === undefined) {
      job.deadline = Date.now() + job.task.timeLimitMs;
      watchdog.add(job);
    }
  };

  // Handles one status line of a launcher about its current (first) job.
  const onEvent = (slot: Slot<LocalJob>, event: LauncherEvent): void => {
    const job = slot.jobs[0];
    if (job === undefined) return;
    if (event.type === 'started') {
      onStarted(job, event.pid, event.time);
      return;
    }
    pool.release(slot);
    scheduleFlush();
    if (job.pid === undefined) {
      complete(job, { state: 'completed', exitCode: null, endedAt: event.time, reason: LocalReason.Withdrawn });
      return;
    }
    const { status } = event;
    const errFile = event.errFileWritten ? errFileOf(job.task, launchDir) : undefined;
    complete(job, {
      state: 'completed',
      exitCode: status,
      signal: signalOfStatus(status),
      startedAt: job.startedAt,
      endedAt: event.time,
      reason: status === 0 ? undefined : job.reason,
      errFile,
    });
  };

  // A launcher that died mid-task takes its tasks with it.
  const onExit = (slot: Slot<LocalJob>, reason: string): void => {
    for (const job of slot.jobs.splice(0)) {
      complete(job, { state: 'completed', exitCode: null, startedAt: job.startedAt, endedAt: Date.now(), reason });
    }
    scheduleFlush();
  };

  const pool = createLauncherPool<LocalJob>({
    cwd: launchDir,
    stdout: opts.stdout ?? 'inherit',
    stderr: opts.stderr ?? 'inherit',
    onEvent,
    onExit,
    maxLaunchers: opts.maxRunning,
    depth: 2,
  });

  // Cancels one job: dropped while queued, terminated once started.
  const cancelJob = (job: LocalJob, reason: string): void => {
    if (job.slot === undefined) dropQueued(job, reason);
    else terminate(job, reason);
  };

  return {
    name: 'local',
    direct: true,
    lookahead: opts.maxRunning,

    async submit(task, signal) {
      book.checkSubmit(task, signal);
      const job: LocalJob = {
        task,
        signal,
        line: jobLine(task, launchDir),
        slot: undefined,
        pid: undefined,
        startedAt: undefined,
        deadline: undefined,
        killAt: undefined,
        reason: undefined,
        signalOnStart: undefined,
      };
      book.add(job);
      queue.push(job);
      scheduleFlush();
      return task.id;
    },

    async poll(jobIds) {
      return book.poll(jobIds, (job) =>
        job.pid === undefined
          ? { state: 'queued' }
          : { state: 'running', startedAt: job.startedAt, nativeId: String(job.pid) },
      );
    },

    async cancel(jobIds) {
      const jobs = jobIds.map((id) => book.get(id)).filter((job) => job !== undefined);
      // Withdraw waiting jobs before signalling running ones: a launcher freed by a signal reads its next line at once.
      for (const job of jobs) if (job.pid === undefined) cancelJob(job, LocalReason.Cancelled);
      for (const job of jobs) if (job.pid !== undefined) cancelJob(job, LocalReason.Cancelled);
    },

    subscribe: (listener) => book.subscribe(listener),

    kill() {
      for (const job of book.jobs()) {
        job.reason ??= LocalReason.Killed;
        if (job.slot === undefined) dropQueued(job, LocalReason.Killed);
        else if (job.pid === undefined) job.signalOnStart = 'SIGKILL';
        else signalGroup(job, 'SIGKILL');
      }
    },

    async close() {
      book.close();
      for (const job of book.jobs()) if (job.slot === undefined) dropQueued(job, LocalReason.Cancelled);
      await pool.close();
      watchdog.stop();
    },
  };
}
