import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../backends/pilot/agent/link.js';

describe('reconnection backoff', () => {
  it('doubles from the initial delay up to the maximum', () => {
    const top = (): number => 1;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, 200, 10_000, top))).toEqual([
      200, 400, 800, 1600, 3200, 6400, 10_000, 10_000,
    ]);
  });

  it('waits between half and all of the ceiling (jitter)', () => {
    expect(backoffDelay(3, 200, 10_000, () => 0)).toBe(400);
    expect(backoffDelay(3, 200, 10_000, () => 0.5)).toBe(600);
  });
});
