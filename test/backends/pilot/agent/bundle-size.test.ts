import { describe, expect, it } from 'vitest';
import { createBundleSizer, MAX_DEPTH, TARGET_LATENCY_MS } from '../../../../backends/pilot/agent/bundle-size.js';

const empty = { tasks: 0, cpus: 0, memoryBytes: 0 };

describe('bundle sizing', () => {
  it('asks for one task per free slot before any duration is known', () => {
    const sizer = createBundleSizer({ slots: 4, cpus: 4 });
    expect(sizer.request(empty)).toEqual({ max: 4, freeCpus: 4 });
    expect(sizer.request({ tasks: 3, cpus: 3, memoryBytes: 0 })).toEqual({ max: 1, freeCpus: 1 });
    expect(sizer.request({ tasks: 4, cpus: 4, memoryBytes: 0 })).toBeUndefined();
  });

  it('keeps one task per slot for tasks longer than the target latency', () => {
    const sizer = createBundleSizer({ slots: 8, cpus: 8 });
    for (let i = 0; i < 20; i++) sizer.observe(60_000);
    expect(sizer.depth).toBe(1);
    expect(sizer.request(empty)?.max).toBe(8);
  });

  it(`prefetches enough tasks of a few ms to cover ${TARGET_LATENCY_MS} ms per slot`, () => {
    const sizer = createBundleSizer({ slots: 2, cpus: 2 });
    for (let i = 0; i < 50; i++) sizer.observe(2);
    expect(sizer.depth).toBe(Math.ceil(TARGET_LATENCY_MS / 2));
    expect(sizer.request(empty)).toEqual({ max: 2 * sizer.depth, freeCpus: 2 * sizer.depth });
  });

  it('caps the prefetch depth for tasks that take no measurable time', () => {
    const sizer = createBundleSizer({ slots: 2, cpus: 2 });
    for (let i = 0; i < 50; i++) sizer.observe(0);
    expect(sizer.depth).toBe(MAX_DEPTH);
  });

  it('tops a deep buffer up only once half of it is used', () => {
    const sizer = createBundleSizer({ slots: 2, cpus: 2 });
    for (let i = 0; i < 50; i++) sizer.observe(1);
    const wanted = 2 * sizer.depth;
    expect(sizer.request({ tasks: wanted / 2 + 1, cpus: wanted / 2 + 1, memoryBytes: 0 })).toBeUndefined();
    expect(sizer.request({ tasks: wanted / 2, cpus: wanted / 2, memoryBytes: 0 })?.max).toBe(wanted / 2);
  });

  it('follows a change in durations within a few tasks', () => {
    const sizer = createBundleSizer({ slots: 1, cpus: 1 });
    for (let i = 0; i < 30; i++) sizer.observe(1);
    expect(sizer.depth).toBeGreaterThan(50);
    for (let i = 0; i < 30; i++) sizer.observe(10_000);
    expect(sizer.depth).toBe(1);
  });

  it('asks for nothing while held tasks take every cpu or all the memory', () => {
    const sizer = createBundleSizer({ slots: 4, cpus: 4, memoryBytes: 1_000 });
    expect(sizer.request({ tasks: 1, cpus: 4, memoryBytes: 0 })).toBeUndefined();
    expect(sizer.request({ tasks: 1, cpus: 1, memoryBytes: 1_000 })).toBeUndefined();
    expect(sizer.request({ tasks: 1, cpus: 1, memoryBytes: 400 })).toEqual({
      max: 3,
      freeCpus: 3,
      freeMemoryBytes: 600,
    });
  });
});
