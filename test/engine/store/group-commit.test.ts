import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGroupCommit } from '../../../engine/store/group-commit.js';

describe('createGroupCommit', () => {
  let batches: number[][];
  let failNext: number;

  // A commit that records its batches, or throws while `failNext` is above zero.
  const commit = (batch: readonly number[]): void => {
    if (failNext > 0) {
      failNext--;
      throw new Error('disk full');
    }
    batches.push([...batch]);
  };

  beforeEach(() => {
    vi.useFakeTimers();
    batches = [];
    failNext = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('commits as soon as a batch is full', () => {
    const queue = createGroupCommit(commit, { intervalMs: 50, batch: 3 });
    for (let i = 1; i <= 7; i++) queue.push(i);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(queue.stats()).toEqual({ commits: 2, written: 6, queued: 1 });
  });

  it('commits everything queued once the interval after the first change has passed, with one timer', () => {
    const queue = createGroupCommit(commit, { intervalMs: 50, batch: 1000 });
    queue.push(1);
    vi.advanceTimersByTime(30);
    queue.push(2);
    queue.push(3);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(19);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancels the timer when flushed, and commits nothing when nothing is queued', () => {
    const queue = createGroupCommit(commit, { intervalMs: 50, batch: 1000 });
    queue.flush();
    queue.push(1);
    queue.flush();
    expect(vi.getTimerCount()).toBe(0);
    expect(batches).toEqual([[1]]);
  });

  it('keeps a batch whose commit failed and commits it, in order, before later changes', () => {
    const queue = createGroupCommit(commit, { intervalMs: 50, batch: 1000 });
    queue.push(1);
    queue.push(2);
    failNext = 1;
    expect(() => queue.flush()).toThrow('disk full');
    expect(queue.stats()).toEqual({ commits: 0, written: 0, queued: 2 });
    queue.push(3);
    queue.flush();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('retries a commit that failed in the timer on the next change, which throws if it fails again', () => {
    const queue = createGroupCommit(commit, { intervalMs: 50, batch: 1000 });
    queue.push(1);
    failNext = 2;
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([]);
    expect(() => queue.push(2)).toThrow('disk full');
    queue.push(3);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([[1, 2, 3]]);
  });
});
