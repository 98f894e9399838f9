// The local backend: runs prepared tasks on this machine through a pool of bash launchers, one task each.
import { resolve } from 'node:path';
import type { Backend, JobStatus } from '../../engine/backend.js';
import { createJobBook } from '../common/job-book.js';
import { createDispatchQueue } from './dispatch-queue.js';
import { endedStatus, liveStatus, LocalReason, newLocalJob, type LocalJob } from './job.js';
import { createJobControl, signalGroup } from './job-control.js';
import type { TaskOutput } from './launcher.js';
import { createLauncherPool, type LauncherPool, type Slot } from './launcher-pool.js';
import { createIoReadings, createMeasure, type LocalMonitorOptions } from './measure.js';
import type { LauncherEvent } from './protocol.js';

export interface LocalBackendOptions {
  readonly launchDir: string; // light tasks run here; relative work dirs and errFiles resolve against it
  readonly killGraceMs?: number | undefined; // SIGTERM → SIGKILL delay on cancel and time limit (default 5 s)
  readonly stdout?: TaskOutput | undefined; // light tasks' stdout (default: pipe's own)
  readonly stderr?: TaskOutput | undefined; // copies of light tasks' stderr (default: pipe's own)
  readonly retainCompleted?: number | undefined; // completed statuses kept for poll() (default 10,000)
  // At most this many tasks run at once; each launcher then also holds its next task, so the engine may submit
  // up to twice as many (`lookahead`) and no launcher waits for a round trip between tasks. Unset: no cap.
  readonly maxRunning?: number | undefined;
  // Measure every task (CPU time, peak memory, I/O, GPU) and report it with the completion (docs/monitoring.md).
  readonly monitor?: LocalMonitorOptions | undefined;
  // Running tasks end with this process when it dies, even by SIGKILL (a pilot agent's tasks: the server runs them
  // again elsewhere); by default they run on and leave their .exitcode for --resume.
  readonly tasksDieWithPipe?: boolean | undefined;
}

const DEFAULT_KILL_GRACE_MS = 5_000;

// Creates the `local` backend; launchers start on demand and end on close().
export function createLocalBackend(opts: LocalBackendOptions): Backend {
  const launchDir = resolve(opts.launchDir);
  const graceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;

  // A throwing listener must not stop the launcher's remaining status lines (the book isolates it). An abort
  // before the start drops the task; afterwards only cancel() and kill() end it.
  const book = createJobBook<LocalJob>({
    backend: 'local',
    retain: opts.retainCompleted,
    onAbort: (job) => {
      if (job.pid === undefined && book.holds(job)) cancelJob(job, LocalReason.Cancelled);
    },
    onRetire: (job) => control.forget(job),
  });
  const complete = (job: LocalJob, status: JobStatus): void => void book.complete(job, status);
  const measure = opts.monitor === undefined ? undefined : createMeasure(opts.monitor);

  // Completes a job that never reached a launcher.
  const dropQueued = (job: LocalJob, reason: string): void => {
    complete(job, { state: 'completed', exitCode: null, endedAt: Date.now(), reason });
  };

  // The launcher says S: report running, apply a cancel that came early, start the time-limit clock.
  const onStarted = (job: LocalJob, pid: number, time: number): void => {
    job.pid = pid;
    job.startedAt = time;
    book.started(job);
    book.emit(job.task.id, { state: 'running', startedAt: time, nativeId: String(pid) });
    control.started(job);
    measure?.started(job, pid);
  };

  const ioReadings = createIoReadings();

  // Handles one status line of a launcher about its current (first) job.
  const onEvent = (slot: Slot<LocalJob>, event: LauncherEvent): void => {
    const job = slot.jobs[0];
    if (job === undefined) return;
    if (event.type === 'started') {
      ioReadings.started(slot, event.io);
      onStarted(job, event.pid, event.time);
      return;
    }
    if (event.type === 'figures') return ioReadings.figures(slot, job, event);
    keepEndFigures(job, event);
    pool.release(slot);
    queue.schedule();
    complete(job, endedStatus(job, event, launchDir, measure));
  };

  // A launcher that died mid-task takes its tasks with it.
  const onExit = (slot: Slot<LocalJob>, reason: string): void => {
    for (const job of slot.jobs.splice(0)) {
      complete(job, { state: 'completed', exitCode: null, startedAt: job.startedAt, endedAt: Date.now(), reason });
    }
    queue.schedule();
  };

  const pool: LauncherPool<LocalJob> = createLauncherPool<LocalJob>({
    cwd: launchDir,
    stdout: opts.stdout ?? 'inherit',
    stderr: opts.stderr ?? 'inherit',
    onEvent,
    onExit,
    maxLaunchers: opts.maxRunning,
    depth: 2,
    measure: measure !== undefined,
    dieWithPipe: opts.tasksDieWithPipe,
  });

  const control = createJobControl(book, graceMs, (id) => pool.withdraw(id));
  const queue = createDispatchQueue(book, () => pool, launchDir);

  // Cancels one job: dropped while queued, terminated once started.
  const cancelJob = (job: LocalJob, reason: string): void => {
    if (job.slot === undefined) dropQueued(job, reason);
    else control.terminate(job, reason);
  };

  return {
    name: 'local',
    direct: true,
    lookahead: opts.maxRunning,
    monitors: measure !== undefined,

    async submit(task, signal) {
      book.checkSubmit(task, signal);
      const job = newLocalJob(task, signal, launchDir);
      book.add(job);
      queue.push(job);
      return task.id;
    },

    async poll(jobIds) {
      return book.poll(jobIds, liveStatus);
    },

    async cancel(jobIds) {
      const jobs = jobIds.map((id) => book.get(id)).filter((job) => job !== undefined);
      // Withdraw waiting jobs before signalling running ones: a launcher freed by a signal reads its next line at once.
      for (const job of jobs) if (job.pid === undefined) cancelJob(job, LocalReason.Cancelled);
      for (const job of jobs) if (job.pid !== undefined) cancelJob(job, LocalReason.Cancelled);
    },

    subscribe: (listener) => book.subscribe(listener),

    kill() {
      for (const job of book.jobs()) killJob(job, dropQueued);
    },

    async close() {
      book.close();
      for (const job of book.jobs()) if (job.slot === undefined) dropQueued(job, LocalReason.Cancelled);
      await pool.close();
      control.stop();
      measure?.close();
    },
  };
}

// The compiled launcher's figures of a task come on its E line (the bash launcher's on an R line before it).
function keepEndFigures(job: LocalJob, event: Extract<LauncherEvent, { type: 'ended' }>): void {
  if (event.cpuMs === undefined) return;
  job.cpuMs = event.cpuMs;
  job.io = event.io;
}

// Kills one job at once (SIGKILL to its process group): dropped while queued, killed as it starts if it is starting.
function killJob(job: LocalJob, dropQueued: (job: LocalJob, reason: string) => void): void {
  job.reason ??= LocalReason.Killed;
  if (job.slot === undefined) dropQueued(job, LocalReason.Killed);
  else if (job.pid === undefined) job.signalOnStart = 'SIGKILL';
  else signalGroup(job, 'SIGKILL');
}
