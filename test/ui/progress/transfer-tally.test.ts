import { describe, expect, it } from 'vitest';
import type { StageProgressEvent } from '../../../engine/events.js';
import { createTransferTally } from '../../../ui/progress/transfer-tally.js';

function ev(time: number, uri: string, state: StageProgressEvent['state'], more: Partial<StageProgressEvent> = {}) {
  return { type: 'stage.progress', time, uri, direction: 'in', state, bytes: 0, ...more } as StageProgressEvent;
}

describe('transfer tally', () => {
  it('folds each transfer into one record: started, progress, retried, done', () => {
    const tally = createTransferTally();
    tally.onEvent(ev(10, 'scp://h/a', 'started', { totalBytes: 100, attempt: 1 }));
    tally.onEvent(ev(20, 'scp://h/a', 'progress', { bytes: 40, totalBytes: 100 }));
    tally.onEvent(ev(30, 'scp://h/a', 'retry', { attempt: 1, reason: 'size 40 is not 100' }));
    tally.onEvent(ev(40, 'scp://h/a', 'started', { totalBytes: 100, attempt: 2 }));
    expect(tally.list()[0]).toMatchObject({ state: 'running', bytes: 0, attempts: 2, startedAt: 10 });
    tally.onEvent(ev(90, 'scp://h/a', 'done', { bytes: 100, totalBytes: 100 }));
    expect(tally.list()).toEqual([
      expect.objectContaining({ uri: 'scp://h/a', state: 'done', startedAt: 10, endedAt: 90, bytes: 100, attempts: 2 }),
    ]);
    expect(tally.list()[0]?.reason).toBe('size 40 is not 100');
    expect(tally.summary()).toEqual({
      running: 0,
      done: 1,
      reused: 0,
      failed: 0,
      retries: 1,
      bytes: 100,
      totalBytes: 100,
    });
  });

  it('counts reused and failed transfers apart, and keeps a put apart from a fetch of the same URI', () => {
    const tally = createTransferTally();
    tally.onEvent(ev(1, 'sftp://h/x', 'reused', { bytes: 5, totalBytes: 5 }));
    tally.onEvent(ev(2, 'sftp://h/y', 'started', { totalBytes: 7 }));
    tally.onEvent(ev(3, 'sftp://h/y', 'failed', { reason: 'permission denied' }));
    tally.onEvent(ev(4, 'sftp://h/x', 'started', { direction: 'out', totalBytes: 9 }));
    tally.onEvent(ev(5, 'sftp://h/x', 'progress', { direction: 'out', bytes: 3, totalBytes: 9 }));
    expect(tally.list().map((r) => `${r.direction} ${r.uri} ${r.state}`)).toEqual([
      'in sftp://h/x reused',
      'in sftp://h/y failed',
      'out sftp://h/x running',
    ]);
    expect(tally.summary()).toMatchObject({ running: 1, done: 0, reused: 1, failed: 1, bytes: 3, totalBytes: 9 });
    expect(tally.list()[1]?.reason).toBe('permission denied');
  });
});
