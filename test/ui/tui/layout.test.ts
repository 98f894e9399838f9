import { describe, expect, it } from 'vitest';
import { chooseRows } from '../../../ui/tui/layout.js';
import type { StepCounts } from '../../../ui/tui/run-model.js';

// A step's counters.
function step(id: string, over: Partial<StepCounts> = {}): StepCounts {
  return {
    id,
    name: id,
    total: 1,
    final: true,
    opened: true,
    done: 0,
    cached: 0,
    failed: 0,
    cancelled: 0,
    running: 0,
    queued: 0,
    lastTag: undefined,
    ...over,
  };
}

describe('step table layout', () => {
  it('shows every step when they fit', () => {
    const steps = [step('a'), step('b'), step('c')];
    expect(chooseRows(steps, 10).map((r) => (r.kind === 'step' ? r.step.id : r.text))).toEqual(['a', 'b', 'c']);
  });

  it('collapses hundreds of steps into failed and running rows plus summary rows', () => {
    const steps = Array.from({ length: 500 }, (_, i) =>
      i < 300 ? step(`s${i}`, { done: 1 }) : i < 304 ? step(`s${i}`, { running: 1 }) : step(`s${i}`, { opened: false }),
    );
    steps[17] = step('s17', { done: 1, failed: 1 });
    const rows = chooseRows(steps, 12);
    expect(rows.length).toBeLessThanOrEqual(12);
    const shown = rows.map((r) => (r.kind === 'step' ? r.step.id : r.text));
    expect(shown).toEqual(['s17', 's300', 's301', 's302', 's303', '✔ 299 steps finished', '… 196 steps waiting']);
  });

  it('keeps failed steps visible and counts the ones that do not fit', () => {
    const steps = Array.from({ length: 100 }, (_, i) => step(`f${i}`, { done: 1, failed: 1 }));
    steps.push(step('running', { running: 1 }));
    const rows = chooseRows(steps, 8);
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.kind === 'step')).toHaveLength(6);
    expect(rows.map((r) => (r.kind === 'summary' ? r.text : ''))).toContain(
      '+ 94 more steps with failures (pipe status lists them)',
    );
    expect(rows.map((r) => (r.kind === 'summary' ? r.text : ''))).toContain('+ 1 steps running');
  });
});
