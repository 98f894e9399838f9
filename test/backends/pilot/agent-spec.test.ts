import { describe, expect, it } from 'vitest';
import { parseAgentSpec } from '../../../backends/pilot/launch/agent-spec.js';
import { wantedAgents } from '../../../backends/pilot/launch/fleet.js';

describe('--agents specifications', () => {
  it('reads a place with a fixed count, a range, a bare place and none', () => {
    expect(parseAgentSpec('local:2')).toEqual({ place: 'local', min: 2, max: 2 });
    expect(parseAgentSpec('slurm:1-8')).toEqual({ place: 'slurm', min: 1, max: 8 });
    expect(parseAgentSpec('pbs')).toEqual({ place: 'pbs', min: 1, max: 1 });
    expect(parseAgentSpec('none')).toEqual({ place: 'none', min: 0, max: 0 });
  });

  it('names the bad value and says how to write it', () => {
    expect(() => parseAgentSpec('kubernetes:3')).toThrow(/Invalid agents specification "kubernetes:3"/);
    expect(() => parseAgentSpec('slurm:4-2')).toThrow(/Invalid agents range in "slurm:4-2"/);
    expect(() => parseAgentSpec('local:0')).toThrow(/range/);
  });
});

describe('how many agents the queue wants', () => {
  it('wants none without work, at least the minimum with work, and never more than the maximum', () => {
    expect(wantedAgents(0, 1, 8, 4)).toBe(0);
    expect(wantedAgents(1, 2, 8, 4)).toBe(2);
    expect(wantedAgents(9, 1, 8, 4)).toBe(3);
    expect(wantedAgents(1_000, 1, 8, 4)).toBe(8);
  });
});
