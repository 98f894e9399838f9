// What several routes look up the same way: the run or task a path names (else 404), a run's counts and steps.
import type { TaskRecord } from '../../../engine/store/store.js';
import { HttpError, type ApiContext } from './contract.js';

// The run named in the path, or 404.
export function runOf(ctx: ApiContext, id: string | undefined) {
  const run = id === undefined ? undefined : ctx.views.run(id);
  if (run === undefined) throw new HttpError(404, `no run "${id}"`);
  return run;
}

// Counts per state of a run's latest attempts.
export function countsOf(ctx: ApiContext, runId: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const counts of ctx.views.stepCounts(runId).values())
    for (const [state, n] of Object.entries(counts)) totals[state] = (totals[state] ?? 0) + n;
  return totals;
}

// A run's steps, each with its total and counts per state.
export function stepsOf(ctx: ApiContext, runId: string) {
  const perStep = ctx.views.stepCounts(runId);
  return ctx.views.steps(runId).map((s) => ({
    id: s.stepId,
    name: s.name,
    total: s.total,
    counts: perStep.get(s.stepId) ?? {},
  }));
}

// The latest attempt of a task, or 404.
export function latestAttempt(ctx: ApiContext, runId: string, taskId: string | undefined): TaskRecord[] {
  const attempts = taskId === undefined ? [] : ctx.views.attempts(runId, taskId);
  if (attempts.length === 0) throw new HttpError(404, `no task "${taskId}" in run ${runId}`);
  return attempts;
}
