// Applies the backend's status reports to a run: records starts, ends attempts (asking the format's finish hook
// whether they succeeded), queues retries, counts final states, and stops the run after a failure.
import type { Attempt, RecordDetails } from './attempt.js';
import type { JobStatus } from './backend.js';
import { classify, retryDelay } from './outcome.js';
import type { SchedulerContext } from './scheduler-state.js';
import type { StepRun } from './step-tracker.js';
import { TaskState, type TaskSpec, type TaskVerdict } from './task.js';

type Completed = Extract<JobStatus, { state: 'completed' }>;

export interface Completion {
  // Applies one status report from the backend.
  onStatus(jobId: string, status: JobStatus): void;
  // Counts a final attempt, queues a retry, or marks the step failed. An ignored failure (a finish hook's verdict)
  // is counted and settled, but neither retried nor stops the run; a final failure (the verdict says a retry
  // cannot help) is not retried.
  finishAttempt(
    spec: TaskSpec,
    step: StepRun,
    attemptNo: number,
    state: TaskState,
    ignored?: boolean,
    final?: boolean,
  ): void;
}

// After a failure: withdraws submitted tasks that have not started (a backend may hold some ahead).
function cancelNotStarted(ctx: SchedulerContext): void {
  const ids: string[] = [];
  for (const [id, entry] of ctx.state.active) {
    if (entry.started) continue;
    entry.cancelRequested = true;
    ids.push(id);
  }
  if (ids.length > 0)
    ctx.opts.backend
      .cancel(ids)
      .catch((error: unknown) =>
        ctx.warn(`could not withdraw ${ids.length} waiting tasks after a failure: ${(error as Error).message}`),
      );
}

// The format runtime decides success (CWL success codes, declared outputs) and collects the outputs; an attempt
// counts as finishing until it has.
async function askFinishHook(
  ctx: SchedulerContext,
  attempt: Attempt,
  from: TaskState,
  status: Completed,
  fallbackReason: string | undefined,
): Promise<{ to: TaskState; details: RecordDetails; ignored: boolean; final: boolean }> {
  const finish = attempt.spec.hooks!.finish!;
  ctx.state.finishing += 1;
  const end = { exitCode: status.exitCode, workDir: attempt.workDir!, reused: false, attempt: attempt.number };
  const verdict = await finish(end).catch((error: unknown): TaskVerdict => ({
    ok: false,
    reason: `collecting outputs failed: ${(error as Error).message}`,
  }));
  ctx.state.finishing -= 1;
  const reason = verdict.ok ? undefined : (verdict.reason ?? fallbackReason);
  return {
    to: verdict.ok ? TaskState.Succeeded : TaskState.Failed,
    details: {
      exitCode: status.exitCode ?? undefined,
      signal: status.signal,
      reason,
      errFile: status.errFile,
      resources: status.resources,
    },
    ignored: verdict.ignore === true,
    final: verdict.final === true,
  };
}

// Creates the completion side of a scheduler.
export function createCompletion(ctx: SchedulerContext): Completion {
  const { opts, state, slots, steps, log, waker } = ctx;

  // Records and announces how an attempt ended, then retries it or counts it.
  const conclude = (
    attempt: Attempt,
    from: TaskState,
    to: TaskState,
    details: RecordDetails,
    ignored = false,
    final = false,
  ): void => {
    log.concluded(attempt, from, to, details);
    finishAttempt(attempt.spec, attempt.step, attempt.number, to, ignored, final);
    waker.wake();
  };

  // A submitted attempt the engine withdrew before it started: its step counts as incomplete.
  const withdrawn = (attempt: Attempt): void => {
    log.withdrawn(attempt);
    attempt.step.failed = true; // incomplete: its dependants must not open
    attempt.spec.hooks?.settled?.(TaskState.Cancelled);
    steps.taskEnded(attempt.step);
    waker.wake();
  };

  const finishAttempt: Completion['finishAttempt'] = (spec, step, attemptNo, to, ignored = false, final = false) => {
    const failed = to === TaskState.Failed && !ignored;
    const allowed = spec.retries ?? opts.retries;
    if (failed && !final && attemptNo <= allowed && state.stopping === undefined) {
      const notBefore = Date.now() + retryDelay(attemptNo + 1, opts.retryDelayMs);
      const resources = spec.hooks?.resourcesFor?.(attemptNo + 1);
      const retry = resources === undefined ? spec : { ...spec, resources };
      state.retries.push({ spec: retry, step, attemptNo: attemptNo + 1, notBefore });
      return;
    }
    state.counts[to] += 1;
    if (to !== TaskState.Succeeded && to !== TaskState.Cached) ctx.blocks.spoiled(spec.stepId, spec.index);
    spec.hooks?.settled?.(to);
    if (failed) {
      state.anyFailed = true;
      step.failed = true;
      if (!opts.keepGoing && state.stopping === undefined) {
        state.stopping = 'failure';
        cancelNotStarted(ctx);
      }
    }
    steps.taskEnded(step);
  };

  // An attempt's end: its slots back, then withdrawn, judged by its finish hook, or concluded from the status.
  const onCompleted = (jobId: string, status: Completed): void => {
    const entry = state.active.get(jobId)!;
    const { attempt } = entry;
    state.active.delete(jobId);
    slots.give(entry.resources, attempt.spec.light);
    // Withdrawn = never started; a poll-only backend may report a start and the end in one status.
    if (!entry.started && entry.cancelRequested && status.exitCode !== 0 && status.startedAt === undefined) {
      withdrawn(attempt);
      return;
    }
    attempt.startedAt ??= status.startedAt ?? status.endedAt;
    attempt.endedAt = status.endedAt;
    const outcome = classify(status, entry.cancelRequested);
    const from = entry.started ? TaskState.Running : TaskState.Submitted;
    const hooked =
      attempt.spec.hooks?.finish !== undefined &&
      attempt.workDir !== undefined &&
      outcome.state !== TaskState.Cancelled &&
      status.exitCode !== null &&
      !state.killed;
    if (hooked) {
      void askFinishHook(ctx, attempt, from, status, outcome.reason).then(({ to, details, ignored, final }) =>
        ctx.guard(() => conclude(attempt, from, to, details, ignored, final)),
      );
      return;
    }
    conclude(attempt, from, outcome.state, {
      exitCode: status.exitCode ?? undefined,
      signal: status.signal,
      reason: outcome.reason,
      errFile: status.errFile,
      resources: status.resources,
    });
  };

  const onStatus: Completion['onStatus'] = (jobId, status) => {
    const entry = state.active.get(jobId);
    if (entry === undefined) return;
    const { attempt } = entry;
    if (status.state === 'queued' && status.nativeId !== undefined && attempt.nativeId === undefined) {
      attempt.nativeId = status.nativeId;
      log.queued(attempt, status.workDir);
      return;
    }
    if (status.state === 'running' && !entry.started) {
      entry.started = true;
      attempt.startedAt = status.startedAt ?? Date.now();
      if (status.nativeId !== undefined) attempt.nativeId = status.nativeId;
      log.running(attempt, status.workDir);
      return;
    }
    if (status.state === 'completed') onCompleted(jobId, status);
  };

  return { onStatus, finishAttempt };
}
