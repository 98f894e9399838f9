import { describe, expect, it } from 'vitest';
import { createResourceGate } from '../../../../backends/pilot/agent/resource-gate.js';

describe('resource gate', () => {
  it('admits slot-sized tasks up to the slots plus the lookahead', () => {
    const gate = createResourceGate({ slots: 2, cpus: 2, lookahead: 2 });
    const task = { cpus: 1 };
    for (let i = 0; i < 4; i++) {
      expect(gate.admits(task)).toBe(true);
      gate.take(task);
    }
    expect(gate.admits(task)).toBe(false);
    gate.release(task);
    expect(gate.admits(task)).toBe(true);
  });

  it('admits a task larger than a slot only when it fits beside everything handed over, without lookahead', () => {
    const gate = createResourceGate({ slots: 4, cpus: 4, lookahead: 4 });
    gate.take({ cpus: 1 });
    gate.take({ cpus: 1 });
    expect(gate.admits({ cpus: 3 })).toBe(false);
    expect(gate.admits({ cpus: 2 })).toBe(true);
    gate.take({ cpus: 2 });
    expect(gate.admits({ cpus: 1 })).toBe(false); // 4 cpus in use: no room, and no queueing ahead beside a large task
    gate.release({ cpus: 1 });
    expect(gate.admits({ cpus: 1 })).toBe(true);
  });

  it('counts memory like cpus', () => {
    const gate = createResourceGate({ slots: 2, cpus: 8, memoryBytes: 1_000, lookahead: 2 });
    gate.take({ cpus: 1, memoryBytes: 700 });
    expect(gate.admits({ cpus: 1, memoryBytes: 400 })).toBe(false);
    expect(gate.admits({ cpus: 1, memoryBytes: 300 })).toBe(true);
  });

  it('names the resource a task can never get on this agent', () => {
    const gate = createResourceGate({ slots: 2, cpus: 2, memoryBytes: 1_000, lookahead: 2 });
    expect(gate.neverFits({ cpus: 3 })).toBe('it needs 3 cpus but the agent has 2');
    expect(gate.neverFits({ cpus: 1, memoryBytes: 2_000 })).toBe(
      'it needs 2000 bytes of memory but the agent has 1000',
    );
    expect(gate.neverFits({ cpus: 2, memoryBytes: 1_000 })).toBeUndefined();
  });
});
