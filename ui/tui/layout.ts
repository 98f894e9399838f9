// Chooses the rows of the step table so that it fits the terminal: every step when they fit; otherwise failed
// steps first (always shown), then running ones, and summary rows for the rest.
import type { StepCounts } from './run-model.js';

export type Row =
  | { readonly kind: 'step'; readonly step: StepCounts }
  | { readonly kind: 'summary'; readonly key: string; readonly text: string };

// Whether every task of the step has ended and no more will come.
export function stepFinished(s: StepCounts): boolean {
  return s.final && s.done >= s.total && s.running === 0 && s.queued === 0;
}

// The rows to show in at most `maxRows` lines (taken as at least 6).
export function chooseRows(steps: readonly StepCounts[], maxRows: number): Row[] {
  const room = Math.max(6, maxRows);
  if (steps.length <= room) return steps.map((step) => ({ kind: 'step', step }));
  const failed: StepCounts[] = [];
  const active: StepCounts[] = [];
  let finished = 0;
  let waiting = 0;
  for (const s of steps) {
    if (s.failed > 0) failed.push(s);
    else if (s.running > 0 || s.queued > 0 || (s.opened && !stepFinished(s) && s.done > 0)) active.push(s);
    else if (stepFinished(s)) finished += 1;
    else waiting += 1;
  }
  const summaries: Row[] = [];
  const summary = (key: string, text: string): void => void summaries.push({ kind: 'summary', key, text });
  const avail = room - (finished > 0 ? 1 : 0) - (waiting > 0 ? 1 : 0);
  const activeLine = active.length > 0 ? 1 : 0;
  const rows: Row[] = [];
  if (failed.length + activeLine > avail) {
    // More failed steps than lines: as many as fit, a line counting the rest, and one counting running steps.
    const shown = Math.max(1, avail - 1 - activeLine);
    for (const step of failed.slice(0, shown)) rows.push({ kind: 'step', step });
    summary('failed', `+ ${failed.length - shown} more steps with failures (pipe status lists them)`);
    if (activeLine > 0) summary('active', `+ ${active.length} steps running`);
  } else {
    for (const step of failed) rows.push({ kind: 'step', step });
    const left = avail - failed.length;
    const shown = active.length <= left ? active.length : left - 1;
    for (const step of active.slice(0, shown)) rows.push({ kind: 'step', step });
    if (shown < active.length) summary('active', `+ ${active.length - shown} more steps running`);
  }
  if (finished > 0) summary('finished', `✔ ${finished} steps finished`);
  if (waiting > 0) summary('waiting', `… ${waiting} steps waiting`);
  return [...rows, ...summaries];
}
