// Ending local tasks: signals to a task's process group, SIGTERM then SIGKILL after a grace period, and time limits,
// all checked by one watchdog timer.
import type { JobBook } from '../common/job-book.js';
import { LocalReason, type LocalJob } from './job.js';
import { createWatchdog } from './watchdog.js';

const TICK_MS = 200;

export interface JobControl {
  // SIGTERM now (or, for a job still waiting in a launcher's pipe, withdraw it), SIGKILL after the grace period.
  terminate(job: LocalJob, reason: string): void;
  // The task started: apply a cancel that came early, start the time-limit clock.
  started(job: LocalJob): void;
  // The job left the book: nothing more to watch.
  forget(job: LocalJob): void;
  stop(): void;
}

// Signals a running task's whole process group.
export function signalGroup(job: LocalJob, signal: NodeJS.Signals): void {
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
}

// Creates the control of one backend's jobs; `withdraw` takes a task back from the launcher it was sent to.
export function createJobControl(
  book: JobBook<LocalJob>,
  graceMs: number,
  withdraw: (taskId: string) => void,
): JobControl {
  const terminate = (job: LocalJob, reason: string): void => {
    job.reason ??= reason;
    if (job.pid === undefined) {
      if (job.signalOnStart === undefined) withdraw(job.task.id);
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

  return {
    terminate,
    started(job) {
      if (job.signalOnStart === 'SIGKILL') signalGroup(job, 'SIGKILL');
      else if (job.signalOnStart === 'SIGTERM') terminate(job, LocalReason.Cancelled);
      if (job.task.timeLimitMs !== undefined && job.killAt === undefined) {
        job.deadline = Date.now() + job.task.timeLimitMs;
        watchdog.add(job);
      }
    },
    forget: (job) => watchdog.delete(job),
    stop: () => watchdog.stop(),
  };
}
