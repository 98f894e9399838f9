// The submission rate cap: a burst of submissions is spaced evenly, never faster than the cap.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimit } from '../../../backends/grid/rate-limit.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

// Starts `n` submissions at once and records when each was let through, in fake milliseconds from the start.
async function burst(perSecond: number, n: number): Promise<number[]> {
  const limit = createRateLimit(perSecond);
  const signal = new AbortController().signal;
  const start = Date.now();
  const times: number[] = [];
  const all = Array.from({ length: n }, () => limit.next(signal).then(() => times.push(Date.now() - start)));
  await vi.runAllTimersAsync();
  await Promise.all(all);
  return times;
}

describe('submission rate cap', () => {
  it('lets 4 submissions at 4 per second through 250 ms apart, the first at once', async () => {
    expect(await burst(4, 4)).toEqual([0, 250, 500, 750]);
  });

  it('does not hold submissions back when the cap is 0 (no cap)', async () => {
    expect(await burst(0, 3)).toEqual([0, 0, 0]);
  });

  it('gives up waiting when the run is cancelled', async () => {
    const limit = createRateLimit(1);
    const controller = new AbortController();
    await limit.next(controller.signal);
    const waiting = limit.next(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});
