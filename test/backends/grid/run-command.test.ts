import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeFailure, runCommand } from '../../../backends/grid/run-command.js';

describe('scheduler control commands', () => {
  it('gives a command’s exit code and its output unchanged, final newline included', async () => {
    const result = await runCommand(
      ['sh', '-c', 'echo "Submitted batch job 42"; echo warn >&2; exit 3'],
      tmpdir(),
      5_000,
    );
    expect(result).toEqual({ exitCode: 3, stdout: 'Submitted batch job 42\n', stderr: 'warn\n', timedOut: false });
  });

  it('reports a command that cannot start as exit code -1, saying why, without rejecting', async () => {
    const argv = ['no-such-sbatch-here', '--parsable'];
    const result = await runCommand(argv, tmpdir(), 5_000);
    expect(result.exitCode).toBe(-1);
    expect(result.timedOut).toBe(false);
    expect(describeFailure(argv, result, 5_000)).toMatch(
      /^`no-such-sbatch-here --parsable` failed with exit code -1: .*ENOENT/,
    );
  });

  it('kills a command that outlives its time bound and says it did not answer', async () => {
    const argv = ['sleep', '30'];
    const result = await runCommand(argv, tmpdir(), 200);
    expect(result).toMatchObject({ exitCode: -1, timedOut: true });
    expect(describeFailure(argv, result, 200)).toBe('`sleep 30` did not answer within 200 ms');
  });
});
