import { beforeEach, describe, expect, it, vi } from 'vitest';

const setFlagsFromString = vi.fn();
vi.mock('node:v8', () => ({ setFlagsFromString }));

const { HEAP_GROWING_PERCENT, limitHeapGrowth } = await import('../../../ui/cli/heap-growth.js');

describe("the executables' heap growth limit", () => {
  beforeEach(() => setFlagsFromString.mockClear());

  it("sets V8's old generation growth", () => {
    limitHeapGrowth(['--enable-source-maps']);
    expect(setFlagsFromString).toHaveBeenCalledWith(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it('leaves a growth node was started with', () => {
    limitHeapGrowth(['--heap-growing-percent=80']);
    limitHeapGrowth(['--heap_growing_percent', '80']);
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
