// The scheduler loop: opens steps as their dependencies finish, streams their tasks into free slots (dispatch.ts),
// applies completions and retries (completion.ts), polls backends that do not push, and stops on failure or signal.
import { createAttemptLog } from './attempt-log.js';
import { createBlockRecorder } from './block-recorder.js';
import { createCompletion } from './completion.js';
import { createDispatcher } from './dispatch.js';
import { createRunState, type Counts, type SchedulerContext, type SchedulerOptions } from './scheduler-state.js';
import { createSlots } from './slots.js';
import { createStepTracker } from './step-tracker.js';
import { createWaker } from './wake.js';

export type { Counts, SchedulerOptions } from './scheduler-state.js';

export interface SchedulerResult {
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  readonly counts: Counts;
  readonly notRun: number;
}

// Runs a workflow's tasks to the end and reports how it ended.
export async function runScheduler(opts: SchedulerOptions): Promise<SchedulerResult> {
  const { backend, bus } = opts;
  const waker = createWaker();
  const blocks = createBlockRecorder(opts.store, opts.runId);
  const ctx: SchedulerContext = {
    opts,
    state: createRunState(),
    slots: createSlots(opts.limits, backend.lookahead ?? 0),
    steps: createStepTracker(opts.workflow, opts.stop, bus, () => waker.wake()),
    log: createAttemptLog(opts.store, bus, opts.preparer, blocks),
    blocks,
    waker,
    warn: (message) => bus.emit({ type: 'run.warning', time: Date.now(), message }),
    guard(step) {
      try {
        step();
      } catch (error) {
        if (state.fatal !== undefined) return;
        state.fatal = { error };
        state.stopping ??= 'failure';
        cancelAll();
        waker.wake();
      }
    },
  };
  const { state, steps } = ctx;
  const completion = createCompletion(ctx);
  const dispatcher = createDispatcher(ctx, completion);

  // Asks the backend to stop every task it holds; a refusal is reported, and the loop looks again either way.
  const cancelAll = (): void => {
    for (const entry of state.active.values()) entry.cancelRequested = true;
    const ids = [...state.active.keys()];
    const cancelled = ids.length > 0 ? backend.cancel(ids) : Promise.resolve();
    void cancelled
      .catch((error: unknown) => ctx.warn(`could not cancel ${ids.length} tasks: ${(error as Error).message}`))
      .finally(() => waker.wake());
  };
  // A first interrupt: stop submitting and ask the backend to stop every task it holds.
  const onStop = (): void => {
    if (state.stopping === 'signal') return;
    state.stopping = 'signal';
    cancelAll();
  };
  // The workflow's runtime failed: stop as on a failed task, whatever still waits for inputs that will never come.
  const onFailed = (): void => {
    state.anyFailed = true;
    if (state.stopping !== undefined) return;
    state.stopping = 'failure';
    cancelAll();
  };
  // A second interrupt: the backend kills everything, and every attempt it held ends now.
  const onKill = (): void => {
    state.killed = true;
    backend.kill?.();
    for (const [jobId, entry] of state.active) {
      entry.cancelRequested = true;
      completion.onStatus(jobId, {
        state: 'completed',
        exitCode: null,
        signal: 'SIGKILL',
        endedAt: Date.now(),
        reason: 'killed by a second interrupt',
      });
    }
    waker.wake();
  };
  opts.stop.addEventListener('abort', onStop, { once: true });
  opts.kill.addEventListener('abort', onKill, { once: true });
  opts.workflow.failed?.addEventListener('abort', onFailed, { once: true });
  backend.subscribe?.((jobId, status) => ctx.guard(() => completion.onStatus(jobId, status)));
  const ticker = setInterval(() => waker.wake(), opts.pollIntervalMs);
  let lastPoll = 0;
  try {
    if (opts.stop.aborted) onStop();
    if (opts.workflow.failed?.aborted === true) onFailed();
    for (;;) {
      await dispatcher.fill();
      const idle =
        state.active.size === 0 &&
        state.finishing === 0 &&
        (state.stopping !== undefined ||
          state.killed ||
          (state.retries.length === 0 && state.waiting === undefined && steps.exhausted()));
      if (idle) break;
      await waker.sleep();
      if (backend.subscribe === undefined && state.active.size > 0 && Date.now() - lastPoll >= opts.pollIntervalMs) {
        lastPoll = Date.now();
        const statuses = await backend.poll([...state.active.keys()]);
        for (const [jobId, status] of statuses) ctx.guard(() => completion.onStatus(jobId, status));
      }
    }
  } finally {
    clearInterval(ticker);
    opts.stop.removeEventListener('abort', onStop);
    opts.kill.removeEventListener('abort', onKill);
    opts.workflow.failed?.removeEventListener('abort', onFailed);
    try {
      opts.store.flush();
      blocks.settle((stepId) => steps.total(stepId));
    } catch (error) {
      state.fatal ??= { error };
    }
    await steps.close();
  }
  if (state.fatal !== undefined) throw state.fatal.error;
  const { counts } = state;
  counts.failed += state.retries.length; // retries dropped by a stop: their latest attempt failed
  const done = counts.succeeded + counts.failed + counts.cancelled + counts.cached;
  const status = state.stopping === 'signal' || state.killed ? 'cancelled' : state.anyFailed ? 'failed' : 'succeeded';
  return { status, counts, notRun: Math.max(0, steps.expectedTotal() - done) };
}
