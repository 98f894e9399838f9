import { describe, expect, it } from 'vitest';
import { createWaker } from '../../engine/wake.js';

describe('the scheduler waker', () => {
  it('sleeps until the next wake', async () => {
    const waker = createWaker();
    let woke = false;
    const sleeping = waker.sleep().then(() => (woke = true));
    await Promise.resolve();
    expect(woke).toBe(false);
    waker.wake();
    await sleeping;
    expect(woke).toBe(true);
  });

  it('keeps a wake that came while the loop was busy, and returns from the next sleep at once', async () => {
    const waker = createWaker();
    waker.wake();
    waker.wake();
    await waker.sleep();
    let woke = false;
    void waker.sleep().then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(woke).toBe(false); // two wakes before one sleep count once
  });
});
