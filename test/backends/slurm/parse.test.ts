// Slurm's parsers on output captured from Slurm 22.05 here (and reconstructed lines for states a single-node
// cluster cannot produce; see fixtures/schedulers/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSbatchJobId, parseScontrol, parseSqueue, slurmScheduler } from '../../../backends/slurm/index.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/schedulers/slurm/${name}`, import.meta.url), 'utf8');

describe('Slurm output parsers', () => {
  it.each([
    ['sbatch-parsable.txt', '658'],
    ['sbatch.txt', '659'],
  ])('reads the job id from %s', (file, id) => {
    expect(parseSbatchJobId(fixture(file))).toBe(id);
  });

  it('reads "12;cluster" (sbatch --parsable on a federation) as job 12, and rejects text without an id', () => {
    expect(parseSbatchJobId('12;cluster\n')).toBe('12');
    expect(() => parseSbatchJobId('sbatch: error: Batch job submission failed: Invalid account')).toThrow(
      /Invalid account/,
    );
  });

  it('maps every state squeue printed to queued, running or ended, naming the ones Slurm caused', () => {
    const entries = parseSqueue(fixture('squeue-states.txt'));
    expect(entries.get('6')).toMatchObject({ phase: 'ended', state: 'FAILED', reason: undefined });
    expect(entries.get('7')).toMatchObject({ phase: 'ended', reason: 'cancelled (Slurm CANCELLED)' });
    expect(entries.get('5')).toMatchObject({ phase: 'ended', reason: 'time limit exceeded (Slurm TIMEOUT)' });
    expect(entries.get('649_3')).toMatchObject({ phase: 'running', state: 'SUSPENDED' });
    expect(entries.get('649_0')).toMatchObject({ phase: 'running' });
    expect(entries.get('650_4')).toMatchObject({ phase: 'queued', state: 'PENDING', hopeless: undefined });
    expect(entries.get('656')).toMatchObject({ phase: 'queued', reason: undefined });
  });

  it('finds array elements by array id (649_2) and by their own job id (653)', () => {
    const entries = parseSqueue(fixture('squeue-states.txt'));
    expect(entries.get('649_2')?.state).toBe('CANCELLED');
    expect(entries.get('653')?.state).toBe('CANCELLED');
    // the raw id of a throttled array stands for its unstarted elements
    expect(entries.get('650')?.phase).toBe('queued');
  });

  it('flags a job pending on a dependency that can never be satisfied, so the backend cancels it', () => {
    expect(parseSqueue(fixture('squeue-states.txt')).get('657')).toMatchObject({
      phase: 'queued',
      hopeless: true,
      reason: 'DependencyNeverSatisfied',
    });
  });

  it('reads how jobs ended from scontrol show job -o: state, reason and exit code', () => {
    const records = parseScontrol(fixture('scontrol-show-job.txt'));
    expect(records.get('6')).toEqual({ state: 'FAILED', reason: undefined, exitCode: 5 });
    expect(records.get('7')).toMatchObject({ state: 'CANCELLED', reason: 'cancelled (Slurm CANCELLED)' });
    expect(records.get('5')).toMatchObject({ state: 'TIMEOUT', reason: 'time limit exceeded (Slurm TIMEOUT)' });
    expect(records.get('10_4')).toBe(records.get('15'));
    expect(records.get('10_5')?.state).toBe('SUSPENDED');
  });

  it('names out-of-memory, node failure and preemption as the scheduler’s doing', () => {
    const records = parseScontrol(fixture('scontrol-odd-states.txt'));
    expect(records.get('901')?.reason).toBe('out of memory (Slurm OUT_OF_MEMORY)');
    expect(records.get('902_7')?.reason).toBe('node failure (Slurm NODE_FAIL)');
    expect(records.get('904')?.reason).toBe('preempted (Slurm PREEMPTED)');
  });

  it('treats a state it does not know as alive, never as ended', () => {
    expect(parseSqueue('77|77|SOME_NEW_STATE|None\n').get('77')?.phase).toBe('queued');
  });

  it('names array elements 12_3 and reads them back', () => {
    expect(slurmScheduler.elementId('12', 3)).toBe('12_3');
    expect(slurmScheduler.parseElementId('12_3')).toEqual({ batchId: '12', index: 3 });
    expect(slurmScheduler.parseElementId('12')).toEqual({ batchId: '12', index: undefined });
  });
});
