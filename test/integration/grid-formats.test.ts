// Workflow formats beyond task lists on a real Slurm and its PBS wrappers, run unchanged with --backend slurm|pbs
// through the built CLI (the task-list fixtures are in grid-backends.test.ts), and per-task scheduler options from
// DSL directives.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';
import { pbsReachable, requireService, slurmReachable } from '../helpers/services.js';

const available = requireService('Slurm', slurmReachable()) && requireService('PBS wrappers', pbsReachable());
const dsl = resolve(import.meta.dirname, '..', '..', 'fixtures', 'dsl');
const cwl = resolve(import.meta.dirname, '..', '..', 'fixtures', 'cwl');
const withStubs = { PATH: `${join(dsl, 'rnaseq', 'stubs')}:${process.env.PATH ?? ''}` };
const fast = ['--backend-opt', 'pollIntervalMs=500', '--backend-opt', 'exitGraceMs=3000'];

interface FormatFixture {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  // What the run left in its launch directory and printed, checked as in the local end-to-end tests.
  readonly check: (dir: string, stderr: string) => void;
}

const DSL_FIXTURES: readonly FormatFixture[] = [
  {
    name: 'dsl/hello',
    args: [join(dsl, 'hello', 'main.nf'), '--greetings', 'Hi,Salut'],
    check(dir, stderr) {
      expect(stderr).toContain('2 succeeded');
      expect(readFileSync(join(dir, 'results', 'hi.txt'), 'utf8')).toBe('Hi world!\n');
      expect(readFileSync(join(dir, 'results', 'salut.txt'), 'utf8')).toBe('Salut world!\n');
    },
  },
  {
    name: 'dsl/rnaseq',
    args: [join(dsl, 'rnaseq', 'main.nf')],
    env: withStubs,
    check(dir, stderr) {
      expect(stderr).toContain('6 succeeded');
      expect(stderr).toContain('quantified: gut, liver');
      expect(readdirSync(join(dir, 'results', 'quant')).sort()).toEqual(['gut', 'liver']);
      expect(readFileSync(join(dir, 'results', 'quant', 'gut', 'quant.sf'), 'utf8')).toContain('ENSGALT1');
      expect(readdirSync(join(dir, 'results', 'fastqc_liver_logs')).sort()).toEqual(['liver_1_fastqc.html', 'liver_2_fastqc.html']);
      expect(readFileSync(join(dir, 'results', 'multiqc_report.html'), 'utf8')).toContain('fastqc_gut_logs');
    },
  },
];

const CWL_FIXTURES: readonly FormatFixture[] = [
  {
    name: 'cwl/shout (a scattered workflow with an ExpressionTool)',
    args: ['--outdir', 'out', join(cwl, 'shout.cwl'), join(cwl, 'shout-job.yml')],
    check(dir, stderr) {
      expect(stderr).toContain('3 succeeded');
      const said = readdirSync(join(dir, 'out')).filter((name) => name.startsWith('said')).sort();
      expect(said).toHaveLength(3);
      const texts = said.map((name) => readFileSync(join(dir, 'out', name), 'utf8')).sort();
      expect(texts).toEqual(['alpha\n', 'beta\n', 'gamma\n']);
    },
  },
];

const CASES = [...DSL_FIXTURES, ...CWL_FIXTURES].flatMap((fixture) => (['slurm', 'pbs'] as const).map((backend) => ({ ...fixture, backend })));

describe.runIf(available)('workflow fixtures on a real Slurm and its PBS wrappers', () => {
  it.each(CASES)('runs $name unchanged with --backend $backend', async ({ args, env, check, backend }) => {
    const dir = scratchDir();
    const result = await runPipe(['run', ...args, '--backend', backend, ...fast], dir, env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(` on ${backend}`);
    check(dir, result.stderr);
    expect(existsSync(join(dir, 'work'))).toBe(true);
  }, 180_000);

  it("gives each DSL task its queue and clusterOptions; tasks whose options differ do not share an array job", async () => {
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
    const result = await runPipe(['run', 'main.nf', '--backend', 'slurm', ...fast, '--backend-opt', 'batchWindowMs=2000'], dir);
    expect(result.code, result.stderr).toBe(0);
    const seen = new Map(
      result.stderr.split('\n').filter((line) => /^[abc] /.test(line)).map((line) => [line[0]!, line.split(' ').slice(1)] as const),
    );
    expect(seen.get('a')?.slice(0, 2)).toEqual(['debug', 'opt-ab']);
    expect(seen.get('b')?.slice(0, 2)).toEqual(['debug', 'opt-ab']);
    expect(seen.get('c')).toEqual(['debug', 'opt-c', 'none']); // a job of its own, not an array element
    expect(seen.get('a')?.[2]).toMatch(/^\d+$/);
    expect(seen.get('b')?.[2]).toBe(seen.get('a')?.[2]); // one array job for the two with equal options
  }, 120_000);
});
