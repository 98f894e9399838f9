// Workflow formats beyond task lists on a real Slurm and its PBS wrappers, run unchanged with --backend slurm|pbs
// through the built CLI (the task-list fixtures are in grid-backends.test.ts), and per-task scheduler options from
// DSL directives.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';
import { CWL_FIXTURES, DSL_FIXTURES, spellOptions } from '../helpers/format-fixtures.js';
import { pbsReachable, requireService, slurmReachable } from '../helpers/services.js';

const available = requireService('Slurm', slurmReachable()) && requireService('PBS wrappers', pbsReachable());
const fast = ['--backend-opt', 'pollIntervalMs=500', '--backend-opt', 'exitGraceMs=3000'];
const CASES = [...DSL_FIXTURES, ...CWL_FIXTURES].flatMap((fixture) =>
  (['slurm', 'pbs'] as const).map((backend) => ({ ...fixture, backend })),
);

describe.runIf(available)('workflow fixtures on a real Slurm and its PBS wrappers', () => {
  it.each(CASES)(
    'runs $name unchanged with --backend $backend',
    async (fixture) => {
      const { args, env, check, backend } = fixture;
      const dir = scratchDir();
      const result = await runPipe(
        ['run', ...args, ...spellOptions(fixture, ['--backend', backend, ...fast])],
        dir,
        env,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(` on ${backend}`);
      check(dir, `${result.stdout}${result.stderr}`);
      expect(existsSync(join(dir, 'work'))).toBe(true);
    },
    180_000,
  );

  it('gives each DSL task its queue and clusterOptions; tasks whose options differ do not share an array job', async () => {
    const dir = scratchDir({
      'main.nf': `process SHOW {
  queue 'debug'
  clusterOptions { x == 'c' ? '--job-name=opt-c' : '--job-name=opt-ab' }
  input:
  val x
  output:
  stdout
  script:
  """
  echo "$x \\$SLURM_JOB_PARTITION \\$SLURM_JOB_NAME \\\${SLURM_ARRAY_JOB_ID:-none}"
  """
}
workflow {
  SHOW(Channel.of('a', 'b', 'c')).view { it.trim() }
}
`,
    });
    const result = await runPipe(
      [
        'run',
        'main.nf',
        '-backend',
        'slurm',
        ...fast.map((w) => (w.startsWith('--') ? w.slice(1) : w)),
        '-backend-opt',
        'batchWindowMs=2000',
      ],
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    const seen = new Map(
      result.stdout
        .split('\n')
        .filter((line) => /^[abc] /.test(line))
        .map((line) => [line[0]!, line.split(' ').slice(1)] as const),
    );
    expect(seen.get('a')?.slice(0, 2)).toEqual(['debug', 'opt-ab']);
    expect(seen.get('b')?.slice(0, 2)).toEqual(['debug', 'opt-ab']);
    expect(seen.get('c')).toEqual(['debug', 'opt-c', 'none']); // a job of its own, not an array element
    expect(seen.get('a')?.[2]).toMatch(/^\d+$/);
    expect(seen.get('b')?.[2]).toBe(seen.get('a')?.[2]); // one array job for the two with equal options
  }, 120_000);
});
