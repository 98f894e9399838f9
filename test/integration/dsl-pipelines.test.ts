import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const fixtures = resolve(import.meta.dirname, '..', '..', 'fixtures', 'dsl');
const stubs = join(fixtures, 'rnaseq', 'stubs');
const withStubs = { PATH: `${stubs}:${process.env.PATH ?? ''}` };

// Copies the unmodified upstream rnaseq-nf and adds the data, MultiQC config and bin/ script its repository ships.
function upstreamRnaseq(): string {
  const dir = scratchDir();
  const project = join(dir, 'rnaseq-nf');
  cpSync(join(fixtures, 'upstream', 'rnaseq-nf'), project, { recursive: true });
  mkdirSync(join(project, 'data', 'ggal'), { recursive: true });
  const data = join(fixtures, 'rnaseq', 'data', 'ggal');
  cpSync(join(data, 'gut_1.fq'), join(project, 'data', 'ggal', 'ggal_gut_1.fq'));
  cpSync(join(data, 'gut_2.fq'), join(project, 'data', 'ggal', 'ggal_gut_2.fq'));
  cpSync(
    join(data, 'transcriptome.fa'),
    join(project, 'data', 'ggal', 'ggal_1_48850000_49020000.Ggal71.500bpflank.fa'),
  );
  cpSync(join(fixtures, 'rnaseq', 'multiqc'), join(project, 'multiqc'), { recursive: true });
  cpSync(join(fixtures, 'rnaseq', 'bin'), join(project, 'bin'), { recursive: true });
  return dir;
}

describe('DSL pipelines end to end', () => {
  it('runs hello with one task per greeting, publishes each and views their text', async () => {
    const dir = scratchDir();
    const result = await runPipe(['run', join(fixtures, 'hello', 'main.nf'), '--greetings', 'Hi,Salut'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('2 succeeded');
    expect(readFileSync(join(dir, 'results', 'hi.txt'), 'utf8')).toBe('Hi world!\n');
    expect(readFileSync(join(dir, 'results', 'salut.txt'), 'utf8')).toBe('Salut world!\n');
    expect(result.stdout).toContain('Salut world!');
  });

  it('runs the rnaseq-shaped pipeline, publishes quant, fastqc and report, and reuses every task on resume', async () => {
    const dir = scratchDir();
    const first = await runPipe(['run', join(fixtures, 'rnaseq', 'main.nf')], dir, withStubs);
    expect(first.stderr).toContain('6 succeeded');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('quantified: gut, liver');
    expect(readdirSync(join(dir, 'results', 'quant')).sort()).toEqual(['gut', 'liver']);
    expect(readFileSync(join(dir, 'results', 'quant', 'gut', 'quant.sf'), 'utf8')).toContain('ENSGALT1');
    expect(readdirSync(join(dir, 'results', 'fastqc_liver_logs')).sort()).toEqual([
      'liver_1_fastqc.html',
      'liver_2_fastqc.html',
    ]);
    const report = readFileSync(join(dir, 'results', 'multiqc_report.html'), 'utf8');
    expect(report).toContain('fastqc_gut_logs');
    expect(report).toContain('multiqc_config.yaml');
    const again = await runPipe(['run', join(fixtures, 'rnaseq', 'main.nf'), '-resume'], dir, withStubs);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('0 succeeded, 6 cached');
  });

  it('runs the unmodified upstream nextflow-io/hello', async () => {
    const dir = scratchDir();
    cpSync(join(fixtures, 'upstream', 'hello'), join(dir, 'hello'), { recursive: true });
    const result = await runPipe(['run', 'hello/main.nf'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('4 succeeded');
    for (const greeting of ['Bonjour', 'Ciao', 'Hello', 'Hola']) expect(result.stdout).toContain(`${greeting} world!`);
  });

  it('runs the unmodified upstream nextflow-io/rnaseq-nf with stub tools on PATH', async () => {
    const dir = upstreamRnaseq();
    const result = await runPipe(['run', 'rnaseq-nf/main.nf'], dir, withStubs);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('4 succeeded');
    expect(result.stdout).toContain('R N A S E Q - N F   P I P E L I N E');
    expect(existsSync(join(dir, 'results', 'multiqc_report.html'))).toBe(true);
    expect(readdirSync(join(dir, 'results', 'fastqc_ggal_gut_logs')).sort()).toEqual([
      'ggal_gut_1_fastqc.html',
      'ggal_gut_2_fastqc.html',
    ]);
  });

  it('names an unknown channel operator with file:line:col and exits 2', async () => {
    const dir = scratchDir({
      'bad.nf':
        'process A {\n  input:\n  val x\n  script:\n  "echo $x"\n}\nworkflow {\n  Channel.of(1).frobnicate()\n}\n',
    });
    const result = await runPipe(['run', 'bad.nf'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.nf:8:\d+: .*frobnicate/);
  });
});
