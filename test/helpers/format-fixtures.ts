// The DSL and CWL fixtures every backend's end-to-end tests run unchanged, with what each run must leave behind.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const dsl = resolve(import.meta.dirname, '..', '..', 'fixtures', 'dsl');
export const cwl = resolve(import.meta.dirname, '..', '..', 'fixtures', 'cwl');
export const withStubs = { PATH: `${join(dsl, 'rnaseq', 'stubs')}:${process.env.PATH ?? ''}` };

export interface FormatFixture {
  readonly name: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  // What the run left in its launch directory and printed (stdout, then stderr), checked as in the local end-to-end
  // tests.
  readonly check: (dir: string, output: string) => void;
}

// pipe's options as a fixture's format spells them: single-dash for a .nf run (as `nextflow run`), where every
// `--name` is a pipeline param; double-dash for the others.
export function spellOptions(fixture: FormatFixture, options: readonly string[]): string[] {
  const nf = fixture.args[0]?.endsWith('.nf') === true;
  return options.map((word) => (nf && word.startsWith('--') ? word.slice(1) : word));
}

export const DSL_FIXTURES: readonly FormatFixture[] = [
  {
    name: 'dsl/hello',
    args: [join(dsl, 'hello', 'main.nf'), '--greetings', 'Hi,Salut'],
    check(dir, output) {
      expect(output).toContain('2 succeeded');
      expect(readFileSync(join(dir, 'results', 'hi.txt'), 'utf8')).toBe('Hi world!\n');
      expect(readFileSync(join(dir, 'results', 'salut.txt'), 'utf8')).toBe('Salut world!\n');
    },
  },
  {
    name: 'dsl/rnaseq',
    args: [join(dsl, 'rnaseq', 'main.nf')],
    env: withStubs,
    check(dir, output) {
      expect(output).toContain('6 succeeded');
      expect(output).toContain('quantified: gut, liver');
      expect(readdirSync(join(dir, 'results', 'quant')).sort()).toEqual(['gut', 'liver']);
      expect(readFileSync(join(dir, 'results', 'quant', 'gut', 'quant.sf'), 'utf8')).toContain('ENSGALT1');
      expect(readdirSync(join(dir, 'results', 'fastqc_liver_logs')).sort()).toEqual([
        'liver_1_fastqc.html',
        'liver_2_fastqc.html',
      ]);
      expect(readFileSync(join(dir, 'results', 'multiqc_report.html'), 'utf8')).toContain('fastqc_gut_logs');
    },
  },
];

export const CWL_FIXTURES: readonly FormatFixture[] = [
  {
    name: 'cwl/shout (a scattered workflow with an ExpressionTool)',
    args: ['--outdir', 'out', join(cwl, 'shout.cwl'), join(cwl, 'shout-job.yml')],
    check(dir, output) {
      expect(output).toContain('3 succeeded');
      const said = readdirSync(join(dir, 'out'))
        .filter((name) => name.startsWith('said'))
        .sort();
      expect(said).toHaveLength(3);
      const texts = said.map((name) => readFileSync(join(dir, 'out', name), 'utf8')).sort();
      expect(texts).toEqual(['alpha\n', 'beta\n', 'gamma\n']);
    },
  },
];
