import { describe, expect, it } from 'vitest';
import { nextFrameDelay } from '../../../ui/tui/frame-pace.js';

describe('nextFrameDelay', () => {
  it.each([
    [undefined, 0, 333, 'draws 3 frames a second by default when frames are cheap'],
    [undefined, 2, 333, 'keeps 333 ms while a frame takes at most 1% of it'],
    [undefined, 5, 500, 'waits 100 frames’ worth of time when a frame costs 5 ms'],
    [undefined, 40, 1000, 'still draws once a second however dear frames are'],
    [20, 0, 100, 'never draws more than 10 frames a second'],
    [200, 1, 200, 'honours an asked-for interval'],
    [5000, 0, 1000, 'never waits more than a second even when asked to'],
  ] as const)('with frameMs %s and frames costing %s ms waits %s ms: %s', (frameMs, costMs, delay, _why) => {
    expect(nextFrameDelay({ frameMs, costMs })).toBe(delay);
  });
});
