// The submitting side of a scheduler: pulls the next task (a due retry, the one held for slots, or a new one from
// an open step, reusing an earlier run's result when it can), and hands it to the backend while slots are free.
import { createBlockPuller } from './block-reuse.js';
import type { Completion } from './completion.js';
import type { Queued, SchedulerContext } from './scheduler-state.js';
import { TaskState } from './task.js';

export interface Dispatcher {
  // Starts tasks while slots are free and nothing stops the run.
  fill(): Promise<void>;
}

// Creates the dispatcher of a scheduler.
export function createDispatcher(ctx: SchedulerContext, completion: Completion): Dispatcher {
  const { opts, state, slots, steps, log } = ctx;
  const { backend, preparer } = opts;
  // On a resume, the blocks of tasks the run it resumes finished are reused whole on the way.
  const source =
    opts.blocks === undefined || opts.blocks.empty ? steps : createBlockPuller(ctx, completion, opts.blocks);

  // Submits one attempt: prepares it, takes slots, hands it to the backend.
  const submit = (item: Queued): void => {
    const attempt = preparer.prepare(item.spec, item.step, item.attemptNo);
    if (attempt.unwritable !== undefined) {
      // Its work dir cannot be written (a full disk): the task fails unrun; with -k the run goes on.
      log.impossible(attempt, attempt.unwritable);
      completion.finishAttempt(item.spec, item.step, attempt.number, TaskState.Failed);
      return;
    }
    state.active.set(attempt.jobId, {
      attempt,
      resources: item.spec.resources,
      started: false,
      cancelRequested: false,
    });
    slots.take(item.spec.resources, item.spec.light);
    attempt.submittedAt = Date.now();
    log.submitted(attempt);
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
        const reason = `submission failed: ${(error as Error).message}`;
        ctx.guard(() =>
          completion.onStatus(attempt.jobId, { state: 'completed', exitCode: null, endedAt: Date.now(), reason }),
        );
      },
    );
  };

  // A new task from an open step; one an earlier run already did is reused (and counted) instead.
  const pullFresh = async (): Promise<Queued | undefined> => {
    for (;;) {
      const pulled = await source.pull();
      if (pulled === undefined) return undefined;
      const cached = preparer.cached(pulled.spec, pulled.step);
      const fresh = { spec: pulled.spec, step: pulled.step, attemptNo: 1, notBefore: 0 };
      if (cached === undefined) return fresh;
      const finish = pulled.spec.hooks?.finish;
      if (finish !== undefined && cached.workDir !== undefined) {
        // The runtime must still find the outputs it declared, and collects them for the tasks downstream; a hook
        // that throws means they are not all there, so the task runs again.
        const verdict = await finish({ exitCode: 0, workDir: cached.workDir, reused: true, attempt: 1 }).catch(() => ({
          ok: false,
        }));
        if (!verdict.ok) return fresh;
      }
      log.cached(pulled.spec, pulled.step, cached);
      completion.finishAttempt(pulled.spec, pulled.step, 1, TaskState.Cached);
    }
  };

  // Pulls the next task to start: a due retry first, then the held one, then a new one from an open step.
  const next = async (): Promise<Queued | undefined> => {
    const now = Date.now();
    const due = state.retries.findIndex((r) => r.notBefore <= now);
    if (due >= 0) return state.retries.splice(due, 1)[0];
    if (state.waiting !== undefined) {
      const held = state.waiting;
      state.waiting = undefined;
      return held;
    }
    return pullFresh();
  };

  return {
    async fill() {
      while (state.stopping === undefined && !state.killed) {
        const item = await next();
        if (item === undefined) return;
        const impossible = slots.impossible(item.spec.resources);
        if (impossible !== undefined) {
          log.impossible(preparer.prepare(item.spec, item.step, item.attemptNo), impossible);
          completion.finishAttempt(item.spec, item.step, Number.POSITIVE_INFINITY, TaskState.Failed);
          continue;
        }
        if (!slots.fits(item.spec.resources, item.spec.light)) {
          if (item.notBefore > 0) state.retries.push(item);
          else state.waiting = item;
          return;
        }
        submit(item);
      }
    },
  };
}
