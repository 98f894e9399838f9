// The local backend: runs prepared tasks on this machine through a pool of bash launchers, one task each.
import { resolve } from 'node:path';
import { PipeError } from '../../engine/errors.js';
import type { Backend, JobStatus, StatusListener } from '../../engine/backend.js';
import { createAbortWatch } from './abort-watch.js';
import { signalOfStatus } from './exit-status.js';
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
const DEFAULT_RETAIN_COMPLETED = 10_000;

// Creates the `local` backend; launchers start on demand and end on close().
export function createLocalBackend(opts: LocalBackendOptions): Backend {
  const launchDir = resolve(opts.launchDir);
  const graceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const retain = opts.retainCompleted ?? DEFAULT_RETAIN_COMPLETED;
  const listeners: StatusListener[] = [];
  const active = new Map<string, LocalJob>();
  const completed = new Map<string, JobStatus>();
  let queue: LocalJob[] = [];
  let flushScheduled = false;
  let closed = false;

  // A throwing listener must not stop the launcher's remaining status lines; its error still surfaces.
  const emit = (id: string, status: JobStatus): void => {
    for (const listener of listeners) {
      try {
        listener(id, status);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };

  // Retires a job: forgets it as active, keeps its completion for poll(), and reports it.
  const complete = (job: LocalJob, status: JobStatus): void => {
    const id = job.task.id;
    active.delete(id);
    aborts.delete(job.signal, job);
    watchdog.delete(job);
    completed.set(id, status);
    if (completed.size > retain) completed.delete(completed.keys().next().value!);
    emit(id, status);
  };

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
    if (active.get(job.task.id) !== job) return false;
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

  // An abort before the start drops the task; afterwards only cancel() and kill() end it.
  const aborts = createAbortWatch<LocalJob>((job) => {
    if (job.pid === undefined && active.get(job.task.id) === job) cancelJob(job, LocalReason.Cancelled);
  });

  // Hands queued jobs to launchers while they have room; deferred with setImmediate so a cancel right after
  // submit still drops them.
  const flush = (): void => {
    flushScheduled = false;
    let next = 0;
    for (; next < queue.length; next++) {
      const job = queue[next] as LocalJob;
      if (active.get(job.task.id) !== job) continue; // cancelled or aborted while queued
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
    aborts.delete(job.signal, job);
    emit(job.task.id, { state: 'running', startedAt: time, nativeId: String(pid) });
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
      if (closed) throw new PipeError(`Cannot submit task \`${task.id}\`: the local backend is closed`);
      signal.throwIfAborted();
      if (active.has(task.id)) throw new PipeError(`Task \`${task.id}\` is already submitted to the local backend`);
      if (!task.light && task.workDir === undefined) {
        throw new PipeError(`Task \`${task.id}\` is neither light nor has a work dir`);
      }
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
      aborts.add(signal, job);
      active.set(task.id, job);
      queue.push(job);
      scheduleFlush();
      return task.id;
    },

    async poll(jobIds) {
      const statuses = new Map<string, JobStatus>();
      for (const id of jobIds) {
        const job = active.get(id);
        if (job === undefined) statuses.set(id, completed.get(id) ?? { state: 'unknown' });
        else if (job.pid === undefined) statuses.set(id, { state: 'queued' });
        else statuses.set(id, { state: 'running', startedAt: job.startedAt, nativeId: String(job.pid) });
      }
      return statuses;
    },

    async cancel(jobIds) {
      const jobs = jobIds.map((id) => active.get(id)).filter((job) => job !== undefined);
      // Withdraw waiting jobs before signalling running ones: a launcher freed by a signal reads its next line at once.
      for (const job of jobs) if (job.pid === undefined) cancelJob(job, LocalReason.Cancelled);
      for (const job of jobs) if (job.pid !== undefined) cancelJob(job, LocalReason.Cancelled);
    },

    subscribe(listener) {
      listeners.push(listener);
    },

    kill() {
      for (const job of [...active.values()]) {
        job.reason ??= LocalReason.Killed;
        if (job.slot === undefined) dropQueued(job, LocalReason.Killed);
        else if (job.pid === undefined) job.signalOnStart = 'SIGKILL';
        else signalGroup(job, 'SIGKILL');
      }
    },

    async close() {
      closed = true;
      for (const job of [...active.values()]) if (job.slot === undefined) dropQueued(job, LocalReason.Cancelled);
      await pool.close();
      watchdog.stop();
    },
  };
}
