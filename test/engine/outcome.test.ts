import { describe, expect, it } from 'vitest';
import { classify, retryDelay, signalOfExit } from '../../engine/outcome.js';

const done = (exitCode: number | null, extra: object = {}) => ({
  state: 'completed' as const,
  exitCode,
  endedAt: 1,
  ...extra,
});

describe('task outcomes', () => {
  it.each([
    [0, false, 'succeeded', undefined],
    [1, false, 'failed', 'exit code 1'],
    [127, false, 'failed', 'command not found (exit 127)'],
    [137, false, 'failed', 'killed by SIGKILL (out of memory, or killed from outside)'],
    [143, false, 'failed', 'killed by SIGTERM'],
    [143, true, 'cancelled', 'cancelled'],
  ])('classifies exit %s (cancel requested: %s) as %s', (code, cancelled, state, reason) => {
    expect(classify(done(code), cancelled)).toEqual({ state, reason });
  });

  it("keeps the backend's reason, such as a time limit", () => {
    expect(classify(done(143, { reason: 'time limit exceeded' }), false)).toEqual({
      state: 'failed',
      reason: 'time limit exceeded',
    });
  });

  it('names the signal behind exit statuses above 128', () => {
    expect(signalOfExit(130)).toBe('SIGINT');
    expect(signalOfExit(1)).toBeUndefined();
  });

  it('doubles the retry delay up to 30 seconds', () => {
    expect([2, 3, 4].map((a) => retryDelay(a, 500))).toEqual([500, 1000, 2000]);
    expect(retryDelay(20, 500)).toBe(30_000);
  });
});
