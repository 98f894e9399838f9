import { describe, expect, it } from 'vitest';
import {
  allocationEnd,
  drainDeadline,
  parseSlurmEndTime,
  slurmJobEnd,
  type CommandRunner,
} from '../../../../backends/pilot/agent/walltime.js';

const local = (y: number, mo: number, d: number, h: number, mi: number, s: number): number =>
  new Date(y, mo - 1, d, h, mi, s).getTime();
const failing: CommandRunner = () => {
  throw new Error('not found');
};

describe('allocation end', () => {
  it('parses squeue %e output "2024-05-01T12:34:56" as local time', () => {
    expect(parseSlurmEndTime('2024-05-01T12:34:56\n')).toBe(local(2024, 5, 1, 12, 34, 56));
  });

  it('finds no end in "N/A" or "Unknown"', () => {
    expect(parseSlurmEndTime('N/A')).toBeUndefined();
    expect(parseSlurmEndTime('Unknown')).toBeUndefined();
  });

  it('asks squeue for the job named by SLURM_JOB_ID', () => {
    const calls: string[] = [];
    const run: CommandRunner = (file, args) => {
      calls.push([file, ...args].join(' '));
      return '2030-01-02T03:04:05\n';
    };
    expect(slurmJobEnd({ SLURM_JOB_ID: '42' }, run)).toBe(local(2030, 1, 2, 3, 4, 5));
    expect(calls).toEqual(['squeue -h -j 42 -o %e']);
  });

  it('falls back to the EndTime of `scontrol show job`', () => {
    const run: CommandRunner = (file) => {
      if (file === 'squeue') throw new Error('squeue: not found');
      return 'JobId=42 JobName=agent\n   StartTime=2030-01-02T01:04:05 EndTime=2030-01-02T03:04:05 Deadline=N/A\n';
    };
    expect(slurmJobEnd({ SLURM_JOB_ID: '42' }, run)).toBe(local(2030, 1, 2, 3, 4, 5));
  });

  it('prefers SLURM_JOB_END_TIME (epoch seconds) when Slurm sets it', () => {
    expect(slurmJobEnd({ SLURM_JOB_ID: '42', SLURM_JOB_END_TIME: '1900000000' }, failing)).toBe(1_900_000_000_000);
  });

  it('takes the given end time or walltime before anything the batch system says', () => {
    const env = { SLURM_JOB_ID: '42', SLURM_JOB_END_TIME: '1900000000' };
    expect(allocationEnd({ endsAt: 5_000 }, 1_000, env, failing)?.endsAt).toBe(5_000);
    expect(allocationEnd({ walltimeMs: 3_000 }, 1_000, env, failing)?.endsAt).toBe(4_000);
    expect(allocationEnd({}, 1_000, env, failing)?.endsAt).toBe(1_900_000_000_000);
  });

  it('reads PBS_WALLTIME as seconds from the agent’s start', () => {
    expect(allocationEnd({}, 1_000, { PBS_WALLTIME: '3600', PBS_JOBID: '7.server' }, failing)).toEqual({
      endsAt: 3_601_000,
      source: 'PBS job 7.server',
    });
  });

  it('has no end outside a batch job', () => {
    expect(allocationEnd({}, 1_000, {}, failing)).toBeUndefined();
  });

  it('drains 60 s before the end, or a tenth of a shorter walltime before it', () => {
    expect(drainDeadline(3_600_000, 0, undefined)).toBe(3_540_000);
    expect(drainDeadline(100_000, 0, undefined)).toBe(90_000);
    expect(drainDeadline(100_000, 0, 5_000)).toBe(95_000);
  });
});
