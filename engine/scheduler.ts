// The scheduler loop: opens steps as their dependencies finish, streams their tasks into free slots,
// submits them, applies completions, retries, and stops on failure or signal.
import type { Backend, JobStatus } from './backend.js';
import type { EventBus } from './events.js';
import type { WorkflowGraph } from './graph.js';
import { classify, retryDelay } from './outcome.js';
import type { Attempt, RecordDetails, TaskPreparer } from './attempt.js';
import { createSlots, type Limits } from './slots.js';
import type { Store } from './store/store.js';
import { TaskState, type TaskSpec, type TaskVerdict } from './task.js';
import { createStepTracker, type StepRun } from './step-tracker.js';

export interface SchedulerOptions {
  readonly workflow: WorkflowGraph;
  readonly runId: string;
  readonly store: Store;
  readonly backend: Backend;
  readonly bus: EventBus;
  readonly preparer: TaskPreparer;
  readonly limits: Limits;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly keepGoing: boolean;
  readonly pollIntervalMs: number;
  readonly stop: AbortSignal; // graceful: stop submitting, cancel running tasks
  readonly kill: AbortSignal; // forceful: kill everything now
}

export type Counts = Record<TaskState, number>;

export interface SchedulerResult {
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  readonly counts: Counts;
  readonly notRun: number;
}

interface Active {
  readonly attempt: Attempt;
  readonly resources: TaskSpec['resources'];
  started: boolean;
  cancelRequested: boolean;
}

interface Queued {
  readonly spec: TaskSpec;
  readonly step: StepRun;
  readonly attemptNo: number;
  readonly notBefore: number;
}

// Runs a workflow's tasks to the end and reports how it ended.
export async function runScheduler(opts: SchedulerOptions): Promise<SchedulerResult> {
  const { backend, bus, store, preparer } = opts;
  const slots = createSlots(opts.limits, backend.lookahead ?? 0);
  const counts: Counts = { pending: 0, submitted: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, cached: 0 };
  const steps = createStepTracker(opts.workflow, opts.stop, bus, () => wake());
  const active = new Map<string, Active>();
  const retries: Queued[] = [];
  let waiting: Queued | undefined; // pulled but not yet fitting the free slots
  let stopping: 'failure' | 'signal' | undefined;
  let killed = false;
  let anyFailed = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let finishing = 0; // finish hooks still deciding an attempt's outcome
  let fatal: { readonly error: unknown } | undefined; // the store failed (a full disk): stop, then throw it

  const wake = (): void => {
    woken = true;
    wakeUp?.();
  };
  const sleep = (): Promise<void> => {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      wakeUp = () => {
        wakeUp = undefined;
        woken = false;
        resolve();
      };
    });
  };

  const emitState = (spec: TaskSpec, attempt: number, from: TaskState, to: TaskState, extra: object = {}): void => {
    bus.emit({
      type: 'task.state',
      time: Date.now(),
      taskId: spec.id,
      stepId: spec.stepId,
      attempt,
      from,
      to,
      tag: spec.tag,
      ...extra,
    });
  };

  // Applies one status report from the backend.
  const onStatus = (jobId: string, status: JobStatus): void => {
    const entry = active.get(jobId);
    if (entry === undefined) return;
    const { attempt } = entry;
    if (status.state === 'queued' && status.nativeId !== undefined && attempt.nativeId === undefined) {
      recordNativeId(attempt, status.nativeId, status.workDir);
      return;
    }
    if (status.state === 'running' && !entry.started) {
      entry.started = true;
      attempt.startedAt = status.startedAt ?? Date.now();
      if (status.nativeId !== undefined) attempt.nativeId = status.nativeId;
      if (!attempt.spec.light) store.recordTask(preparer.record(attempt, TaskState.Running));
      else if (status.workDir !== undefined)
        store.recordTask({ ...preparer.record(attempt, TaskState.Running), workDir: status.workDir });
      emitState(attempt.spec, attempt.number, TaskState.Submitted, TaskState.Running, { workDir: attempt.workDir });
      return;
    }
    if (status.state !== 'completed') return;
    active.delete(jobId);
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
    const finish = attempt.spec.hooks?.finish;
    if (
      finish !== undefined &&
      attempt.workDir !== undefined &&
      outcome.state !== TaskState.Cancelled &&
      status.exitCode !== null &&
      !killed
    ) {
      // The format runtime decides success (CWL success codes, declared outputs) and collects the outputs.
      finishing += 1;
      const end = {
        exitCode: status.exitCode ?? null,
        workDir: attempt.workDir,
        reused: false,
        attempt: attempt.number,
      };
      void finish(end)
        .catch((error: unknown): TaskVerdict => ({
          ok: false,
          reason: `collecting outputs failed: ${(error as Error).message}`,
        }))
        .then((verdict) => {
          finishing -= 1;
          const state = verdict.ok ? TaskState.Succeeded : TaskState.Failed;
          const reason = verdict.ok ? undefined : (verdict.reason ?? outcome.reason);
          const details = {
            exitCode: status.exitCode ?? undefined,
            signal: status.signal,
            reason,
            errFile: status.errFile,
          };
          guard(() => conclude(attempt, from, state, details, verdict.ignore === true, verdict.final === true));
        });
      return;
    }
    conclude(attempt, from, outcome.state, {
      exitCode: status.exitCode ?? undefined,
      signal: status.signal,
      reason: outcome.reason,
      errFile: status.errFile,
    });
  };

  // Runs a step of the loop that records state from a callback (a backend's push, a finish hook); when the store
  // fails (a full disk), the run stops, cancels what runs, and executeRun reports the error and releases the lock.
  const guard = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      if (fatal !== undefined) return;
      fatal = { error };
      if (stopping === undefined) stopping = 'failure';
      void cancelAll()
        .catch(() => undefined)
        .finally(wake);
      wake();
    }
  };

  // Records and announces how an attempt ended, then retries it or counts it.
  const conclude = (
    attempt: Attempt,
    from: TaskState,
    state: TaskState,
    details: RecordDetails,
    ignored = false,
    final = false,
  ): void => {
    store.recordTask(preparer.record(attempt, state, details));
    emitState(attempt.spec, attempt.number, from, state, { ...details, workDir: attempt.workDir });
    finishAttempt(attempt.spec, attempt.step, attempt.number, state, ignored, final);
    wake();
  };

  // A cluster job id known before the job runs is recorded at once, so --resume can reattach to a queued job; a light
  // task is recorded with the work dir the backend gave it (its final record has none: that dir is gone by then).
  const recordNativeId = (attempt: Attempt, nativeId: string, backendDir: string | undefined): void => {
    attempt.nativeId = nativeId;
    if (!attempt.spec.light) store.recordTask(preparer.record(attempt, TaskState.Submitted));
    else if (backendDir !== undefined)
      store.recordTask({ ...preparer.record(attempt, TaskState.Submitted), workDir: backendDir });
  };

  // A submitted attempt the engine withdrew before it started: back to not run (work-dir ones keep a record).
  const withdrawn = (attempt: Attempt): void => {
    if (!attempt.spec.light)
      store.recordTask(preparer.record(attempt, TaskState.Pending, { reason: 'withdrawn before it started' }));
    emitState(attempt.spec, attempt.number, TaskState.Submitted, TaskState.Pending);
    attempt.step.failed = true; // incomplete: its dependants must not open
    attempt.spec.hooks?.settled?.(TaskState.Cancelled);
    steps.taskEnded(attempt.step);
    wake();
  };

  // Counts a final attempt, queues a retry, or marks the step failed.
  // An ignored failure (a finish hook's verdict) is counted and settled, but neither retried nor stops the run.
  const finishAttempt = (
    spec: TaskSpec,
    step: StepRun,
    attemptNo: number,
    state: TaskState,
    ignored = false,
    final = false,
  ): void => {
    const failed = state === TaskState.Failed && !ignored;
    const allowed = spec.retries ?? opts.retries;
    if (failed && !final && attemptNo <= allowed && stopping === undefined) {
      retries.push({
        spec,
        step,
        attemptNo: attemptNo + 1,
        notBefore: Date.now() + retryDelay(attemptNo + 1, opts.retryDelayMs),
      });
      return;
    }
    counts[state] += 1;
    spec.hooks?.settled?.(state);
    if (failed) {
      anyFailed = true;
      step.failed = true;
      if (!opts.keepGoing && stopping === undefined) {
        stopping = 'failure';
        cancelNotStarted();
      }
    }
    steps.taskEnded(step);
  };

  // Submits one attempt: prepares it, takes slots, hands it to the backend.
  const submit = (item: Queued): void => {
    const attempt = preparer.prepare(item.spec, item.step, item.attemptNo);
    if (attempt.unwritable !== undefined) {
      // Its work dir cannot be written (a full disk): the task fails unrun; with -k the run goes on.
      const reason = attempt.unwritable;
      store.recordTask(preparer.record(attempt, TaskState.Failed, { reason }));
      emitState(item.spec, attempt.number, TaskState.Pending, TaskState.Failed, { reason });
      finishAttempt(item.spec, item.step, attempt.number, TaskState.Failed);
      return;
    }
    const entry: Active = { attempt, resources: item.spec.resources, started: false, cancelRequested: false };
    active.set(attempt.jobId, entry);
    slots.take(item.spec.resources, item.spec.light);
    attempt.submittedAt = Date.now();
    if (!item.spec.light) store.recordTask(preparer.record(attempt, TaskState.Submitted));
    emitState(item.spec, attempt.number, TaskState.Pending, TaskState.Submitted, { workDir: attempt.workDir });
    const staged = item.spec.hooks?.stage === undefined ? undefined : preparer.stage(attempt, opts.kill);
    const submitted =
      staged === undefined
        ? backend.submit(attempt.prepared, opts.kill)
        : staged.then(() => backend.submit(attempt.prepared, opts.kill));
    submitted.then(
      (nativeId) => {
        if (nativeId !== attempt.jobId) attempt.nativeId = nativeId;
      },
      (error: unknown) => {
        guard(() =>
          onStatus(attempt.jobId, {
            state: 'completed',
            exitCode: null,
            endedAt: Date.now(),
            reason: `submission failed: ${(error as Error).message}`,
          }),
        );
      },
    );
  };

  // Pulls the next task to start: a due retry first, then the held one, then a new one from an open step.
  const next = async (): Promise<Queued | undefined> => {
    const now = Date.now();
    const due = retries.findIndex((r) => r.notBefore <= now);
    if (due >= 0) return retries.splice(due, 1)[0];
    if (waiting !== undefined) {
      const held = waiting;
      waiting = undefined;
      return held;
    }
    for (;;) {
      const pulled = await steps.pull();
      if (pulled === undefined) return undefined;
      const cached = preparer.cached(pulled.spec, pulled.step);
      const fresh = { spec: pulled.spec, step: pulled.step, attemptNo: 1, notBefore: 0 };
      if (cached === undefined) return fresh;
      const finish = pulled.spec.hooks?.finish;
      if (finish !== undefined && cached.workDir !== undefined) {
        // The runtime must still find the outputs it declared, and collects them for the tasks downstream.
        const verdict = await finish({ exitCode: 0, workDir: cached.workDir, reused: true, attempt: 1 }).catch(() => ({
          ok: false,
        }));
        if (!verdict.ok) return fresh;
      }
      store.recordTask(cached);
      emitState(pulled.spec, 1, TaskState.Pending, TaskState.Cached, {
        reason: cached.reason,
        workDir: cached.workDir,
      });
      finishAttempt(pulled.spec, pulled.step, 1, TaskState.Cached);
    }
  };

  // Starts tasks while slots are free and nothing stops the run.
  const fill = async (): Promise<void> => {
    while (stopping === undefined && !killed) {
      const item = await next();
      if (item === undefined) return;
      const impossible = slots.impossible(item.spec.resources);
      if (impossible !== undefined) {
        const attempt = preparer.prepare(item.spec, item.step, item.attemptNo);
        store.recordTask(preparer.record(attempt, TaskState.Failed, { reason: impossible }));
        emitState(item.spec, item.attemptNo, TaskState.Pending, TaskState.Failed, { reason: impossible });
        finishAttempt(item.spec, item.step, Number.POSITIVE_INFINITY, TaskState.Failed);
        continue;
      }
      if (!slots.fits(item.spec.resources, item.spec.light)) {
        if (item.notBefore > 0) retries.push(item);
        else waiting = item;
        return;
      }
      submit(item);
    }
  };

  // After a failure: withdraws submitted tasks that have not started (a backend may hold some ahead).
  const cancelNotStarted = (): void => {
    const ids: string[] = [];
    for (const [id, entry] of active) {
      if (entry.started) continue;
      entry.cancelRequested = true;
      ids.push(id);
    }
    if (ids.length > 0) void backend.cancel(ids).catch(() => undefined);
  };

  // Asks the backend to stop every running task.
  const cancelAll = async (): Promise<void> => {
    for (const entry of active.values()) entry.cancelRequested = true;
    if (active.size > 0) await backend.cancel([...active.keys()]);
  };

  const onStop = (): void => {
    if (stopping !== 'signal') {
      stopping = 'signal';
      void cancelAll()
        .catch(() => undefined)
        .finally(wake);
    }
  };
  const onKill = (): void => {
    killed = true;
    backend.kill?.();
    for (const [jobId, entry] of active) {
      entry.cancelRequested = true;
      onStatus(jobId, {
        state: 'completed',
        exitCode: null,
        signal: 'SIGKILL',
        endedAt: Date.now(),
        reason: 'killed by a second interrupt',
      });
    }
    wake();
  };
  opts.stop.addEventListener('abort', onStop, { once: true });
  opts.kill.addEventListener('abort', onKill, { once: true });
  backend.subscribe?.((jobId, status) => guard(() => onStatus(jobId, status)));
  const ticker = setInterval(wake, opts.pollIntervalMs);
  let lastPoll = 0;
  try {
    if (opts.stop.aborted) onStop();
    for (;;) {
      await fill();
      const idle =
        active.size === 0 &&
        finishing === 0 &&
        (stopping !== undefined || killed || (retries.length === 0 && waiting === undefined && steps.exhausted()));
      if (idle) break;
      await sleep();
      if (backend.subscribe === undefined && active.size > 0 && Date.now() - lastPoll >= opts.pollIntervalMs) {
        lastPoll = Date.now();
        const statuses = await backend.poll([...active.keys()]);
        for (const [jobId, status] of statuses) guard(() => onStatus(jobId, status));
      }
    }
  } finally {
    clearInterval(ticker);
    opts.stop.removeEventListener('abort', onStop);
    opts.kill.removeEventListener('abort', onKill);
    try {
      store.flush();
    } catch (error) {
      fatal ??= { error };
    }
    await steps.close();
  }
  if (fatal !== undefined) throw fatal.error;
  counts.failed += retries.length; // retries dropped by a stop: their latest attempt failed
  const done = counts.succeeded + counts.failed + counts.cancelled + counts.cached;
  const status = stopping === 'signal' || killed ? 'cancelled' : anyFailed ? 'failed' : 'succeeded';
  return { status, counts, notRun: Math.max(0, steps.expectedTotal() - done) };
}
