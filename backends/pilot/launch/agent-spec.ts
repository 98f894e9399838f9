// `--agents` specifications: where agents start and how many: `local:2`, `slurm:4`, `pbs:1-8` (scale between
// 1 and 8 with the queue), or `none` (agents are started by hand).
import { ConfigError } from '../../../engine/errors.js';

export type AgentPlace = 'local' | 'slurm' | 'pbs';

export interface AgentSpec {
  readonly place: AgentPlace | 'none';
  readonly min: number;
  readonly max: number;
}

export const DEFAULT_AGENTS = 'local:2';

// Parses a specification, naming the bad value.
export function parseAgentSpec(text: string): AgentSpec {
  const value = text.trim();
  if (value === 'none') return { place: 'none', min: 0, max: 0 };
  const match = /^(local|slurm|pbs)(?::(\d+)(?:-(\d+))?)?$/.exec(value);
  if (match === null) {
    throw new ConfigError(`Invalid agents specification "${text}"`, {
      hint: 'Write PLACE:N or PLACE:MIN-MAX with PLACE one of local, slurm, pbs (e.g. local:2, slurm:1-8), or none.',
    });
  }
  const place = match[1] as AgentPlace;
  const min = match[2] === undefined ? 1 : Number(match[2]);
  const max = match[3] === undefined ? min : Number(match[3]);
  if (max < 1 || max < min) {
    throw new ConfigError(`Invalid agents range in "${text}"`, {
      hint: 'The maximum must be at least 1 and not below the minimum.',
    });
  }
  return { place, min, max };
}
