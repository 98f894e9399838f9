import { describe, expect, it } from 'vitest';
import { createSlots } from '../../engine/slots.js';

const limits = { jobs: 2, cpus: 2, memoryBytes: 1024 ** 3 };

describe('slots', () => {
  it('without lookahead, admits no more than the job limit of any task', () => {
    const slots = createSlots(limits);
    slots.take({ cpus: 1 }, true);
    slots.take({ cpus: 1 }, false);
    expect(slots.fits({ cpus: 1 }, true)).toBe(false);
  });

  it('with lookahead, submits light tasks and one-cpu tasks without a memory request ahead, up to jobs + lookahead', () => {
    const slots = createSlots(limits, 2);
    for (let i = 0; i < 3; i++) slots.take({ cpus: 1 }, i === 0);
    expect(slots.fits({ cpus: 1 }, false)).toBe(true);
    slots.take({ cpus: 1 }, false);
    expect(slots.fits({ cpus: 1 }, false)).toBe(false);
    slots.give({ cpus: 1 }, false);
    expect(slots.inUse).toBe(3);
    expect(slots.fits({ cpus: 1 }, true)).toBe(true);
  });

  it('counts tasks that ask for more cpus or for memory against the cpu and memory limits, even with lookahead', () => {
    const slots = createSlots(limits, 8);
    slots.take({ cpus: 2 }, false);
    expect(slots.fits({ cpus: 1, memoryBytes: 1024 }, false)).toBe(false);
    expect(slots.fits({ cpus: 1 }, false)).toBe(true);
    slots.give({ cpus: 2 }, false);
    slots.take({ cpus: 1, memoryBytes: 1024 ** 3 }, false);
    expect(slots.fits({ cpus: 1, memoryBytes: 1 }, false)).toBe(false);
  });
});
