// nextflow-io/rnaseq-nf run unmodified through the built CLI, at two revisions: ca20a6d (multiple assignment from a
// sub-workflow's outputs, `flat: true` read pairs, publishDir, `workflow.onComplete = { … }` assigned in the entry
// workflow; then -resume) and 5c89d38 (workflow outputs: `publish:`, an `output { }` block with path closures and a
// CSV index).
// Stub tools on PATH stand for salmon, fastqc and multiqc and write the files the processes declare.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const fixtures = resolve(import.meta.dirname, '..', '..', 'fixtures', 'dsl');
const withStubs = { PATH: `${join(fixtures, 'rnaseq', 'stubs')}:${process.env.PATH ?? ''}` };
const SAMPLES = ['ggal_gut', 'ggal_liver'];

// A launch dir holding the pipeline at `revision` as `rnaseq-nf/`, with small read pairs and a transcriptome under
// the names its default params point to (the repository's own data is 5 MB).
function launchDir(revision: string): string {
  const dir = scratchDir();
  const project = join(dir, 'rnaseq-nf');
  cpSync(join(fixtures, 'upstream', `rnaseq-nf-${revision}`), project, { recursive: true });
  const data = join(fixtures, 'rnaseq', 'data', 'ggal');
  mkdirSync(join(project, 'data', 'ggal'), { recursive: true });
  for (const sample of SAMPLES)
    for (const end of [1, 2])
      cpSync(join(data, `${sample.slice(5)}_${end}.fq`), join(project, 'data', 'ggal', `${sample}_${end}.fq`));
  cpSync(
    join(data, 'transcriptome.fa'),
    join(project, 'data', 'ggal', 'ggal_1_48850000_49020000.Ggal71.500bpflank.fa'),
  );
  return dir;
}

// The files under a directory, relative to it, sorted.
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('nextflow-io/rnaseq-nf unmodified, with stub tools', () => {
  it('ca20a6d: publishes fastqc logs and the MultiQC report, and runs the onComplete handler it assigns', async () => {
    const dir = launchDir('ca20a6d');
    const reads = join(dir, 'rnaseq-nf', 'data', 'ggal', 'ggal_*_{1,2}.fq');
    const result = await runPipe(['run', 'rnaseq-nf/main.nf', '--reads', reads], dir, withStubs);
    expect(result.stderr).toContain('6 succeeded');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('R N A S E Q - N F   P I P E L I N E');
    expect(result.stdout).toContain(`reads        : ${reads}\n`);
    expect(result.stdout).toContain('outdir       : results\n');
    // workflow.onComplete = { log.info(workflow.success ? "…" : "…") }, run once the workflow has succeeded
    expect(result.stdout).toContain(
      '\nDone! Open the following report in your browser --> results/multiqc_report.html\n',
    );
    expect(result.stdout).not.toContain('Oops');
    expect(filesUnder(join(dir, 'results'))).toEqual([
      'fastqc_ggal_gut_logs/ggal_gut_1_fastqc.html',
      'fastqc_ggal_gut_logs/ggal_gut_2_fastqc.html',
      'fastqc_ggal_liver_logs/ggal_liver_1_fastqc.html',
      'fastqc_ggal_liver_logs/ggal_liver_2_fastqc.html',
      'multiqc_report.html',
    ]);
    expect(readFileSync(join(dir, 'results', 'fastqc_ggal_gut_logs', 'ggal_gut_1_fastqc.html'), 'utf8')).toBe(
      '<html>fastqc 8 lines</html>\n',
    );
    // MULTIQC's `path '*'` stages both fastqc dirs and both quant dirs (mix + collect), beside its config
    const report = readFileSync(join(dir, 'results', 'multiqc_report.html'), 'utf8').split('\n');
    expect(report).toEqual(
      expect.arrayContaining([
        'fastqc_ggal_gut_logs',
        'fastqc_ggal_liver_logs',
        'quant_ggal_gut',
        'quant_ggal_liver',
        'multiqc_config.yaml',
      ]),
    );
    const log = readFileSync(join(dir, '.nextflow.log'), 'utf8');
    // processes of the RNASEQ sub-workflow are logged by their fully qualified names, as Nextflow does
    const tasks = ['RNASEQ:INDEX (ggal_1_48850000_49020000)', 'RNASEQ:FASTQC (ggal_gut)', 'RNASEQ:QUANT (ggal_liver)'];
    for (const task of [...tasks, 'MULTIQC']) expect(log).toContain(`Submitted process > ${task}`);
    // -resume reuses every task and publishes their outputs again
    rmSync(join(dir, 'results'), { recursive: true });
    const again = await runPipe(['run', 'rnaseq-nf/main.nf', '--reads', reads, '-resume'], dir, withStubs);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('0 succeeded, 6 cached');
    expect(filesUnder(join(dir, 'results'))).toHaveLength(5);
    expect(readFileSync(join(dir, '.nextflow.log'), 'utf8')).toContain('Cached process > RNASEQ:QUANT (ggal_gut)');
  });

  it('5c89d38: publishes the workflow outputs by sample under -output-dir, with a CSV index of them', async () => {
    const dir = launchDir('5c89d38');
    const out = join(dir, 'published');
    const args = ['run', 'rnaseq-nf/main.nf', '-profile', 'all-reads', '-output-dir', 'published'];
    const result = await runPipe(args, dir, withStubs);
    expect(result.stderr).toContain('6 succeeded');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`reads        : ${join(dir, 'rnaseq-nf', 'data', 'ggal', 'ggal_*_{1,2}.fq')}\n`);
    expect(result.stdout).toContain(`outdir       : ${out}\n`); // workflow.outputDir
    expect(filesUnder(out)).toEqual([
      'fastqc/ggal_gut/ggal_gut_1_fastqc.html',
      'fastqc/ggal_gut/ggal_gut_2_fastqc.html',
      'fastqc/ggal_liver/ggal_liver_1_fastqc.html',
      'fastqc/ggal_liver/ggal_liver_2_fastqc.html',
      'multiqc_report.html',
      'quant/ggal_gut/quant.sf',
      'quant/ggal_liver/quant.sf',
      'samples.csv',
    ]);
    // the stub salmon's quant.sf counts the transcriptome's sequences through the index INDEX built
    expect(readFileSync(join(out, 'quant', 'ggal_liver', 'quant.sf'), 'utf8')).toBe(
      'Name\tLength\tTPM\nENSGALT1\t500\t2\n',
    );
    const [header, ...rows] = readFileSync(join(out, 'samples.csv'), 'utf8').trimEnd().split('\n');
    expect(header).toBe('"id","fastqc","quant"');
    expect(rows.sort()).toEqual(
      SAMPLES.map((id) => `"${id}","${join(out, 'fastqc', id)}","${join(out, 'quant', id)}"`),
    );
    const report = readFileSync(join(out, 'multiqc_report.html'), 'utf8').split('\n');
    expect(report).toEqual(expect.arrayContaining(['fastqc_ggal_gut_logs', 'quant_ggal_liver']));
    expect(result.stdout).toMatch(/Outputs:\n\n {2}\S*published\n/);
  });
});
