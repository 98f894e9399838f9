// nf-core/rnaseq 3.24.0, unmodified (vendored in fixtures/nf-core/rnaseq-3.24.0, MIT): its nf-test "Params: default
// - stub" run, offline with local stand-ins for the test profile's remote inputs, compared with what the pipeline's
// own snapshot (tests/default.nf.test.snap) lists, as nf-test compares it: the number of succeeded tasks, the
// software versions (process → tools), every published file and folder by name, and the digests of the files with
// stable content (those tests/.nftignore does not exclude).
import { createHash } from 'node:crypto';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../engine/glob-pattern.js';
import { runPipe, scratchDir } from '../helpers/cli.js';
import { allPaths, expectPublishedNames, expectVersions } from './nf-core-snapshot.js';

const pipeline = resolve(import.meta.dirname, '..', '..', 'fixtures', 'nf-core', 'rnaseq-3.24.0');

// The test profile's samplesheet (nf-core/test-datasets, samplesheet/v3.10/samplesheet_test.csv): runs by sample.
const SAMPLES: readonly [string, string, string, string][] = [
  ['WT_REP1', 'SRR6357070_1', 'SRR6357070_2', 'auto'],
  ['WT_REP1', 'SRR6357071_1', 'SRR6357071_2', 'auto'],
  ['WT_REP2', 'SRR6357072_1', 'SRR6357072_2', 'reverse'],
  ['RAP1_UNINDUCED_REP1', 'SRR6357073_1', '', 'auto'],
  ['RAP1_UNINDUCED_REP2', 'SRR6357074_1', '', 'reverse'],
  ['RAP1_UNINDUCED_REP2', 'SRR6357075_1', '', 'reverse'],
  ['RAP1_IAA_30M_REP1', 'SRR6357076_1', 'SRR6357076_2', 'reverse'],
];

// Tools the stubs ask for their versions (`eval` outputs), standing in for the containers an offline machine lacks.
const TOOLS: Record<string, string> = {
  STAR: 'echo 2.7.11b',
  'bbversion.sh': 'echo 39.18',
  fastqc: 'echo "FastQC v0.12.1"',
  fq: 'echo "fq-lint 0.12.0"',
  trim_galore: 'echo "version 0.6.10"',
  samtools: 'case "$1" in --version) echo "samtools 1.21";; *) echo "samtools 1.23.1";; esac',
  gawk: 'echo "GNU Awk 5.1.0, API: 3.0"',
  python: 'echo "Python 3.12.2"',
  perl: 'echo "This is perl 5, version 26, subversion 2 (v5.26.2) built for x86_64-linux"',
  hisat2: 'echo "/usr/local/bin/hisat2-align-s version 2.2.1"',
  salmon: 'echo "salmon 1.10.3"',
};

// A launch directory with the inputs, a params file naming them, and the stand-in tools.
function launch(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = scratchDir();
  const data = join(dir, 'data');
  const bin = join(dir, 'tools');
  mkdirSync(data);
  mkdirSync(bin);
  const fastq = gzipSync('@r1\nACGTACGTAC\n+\nIIIIIIIIII\n');
  const rows = SAMPLES.map(([sample, r1, r2, strand]) => {
    for (const run of [r1, r2].filter((r) => r !== '')) writeFileSync(join(data, `${run}.fastq.gz`), fastq);
    return `${sample},${join(data, `${r1}.fastq.gz`)},${r2 === '' ? '' : join(data, `${r2}.fastq.gz`)},${strand}`;
  });
  writeFileSync(join(data, 'samplesheet.csv'), `sample,fastq_1,fastq_2,strandedness\n${rows.join('\n')}\n`);
  const gtf = 'chr1\tsrc\texon\t1\t8\t.\t+\t.\tgene_id "g1"; transcript_id "tx1";\n';
  const files: Record<string, string | Buffer> = {
    'genome.fasta': '>chr1\nACGTACGTACGTACGT\n',
    'transcriptome.fasta': '>tx1\nACGTACGT\n',
    'genes_with_empty_tid.gtf.gz': gzipSync(gtf),
    'genes.gff.gz': gzipSync('chr1\tsrc\texon\t1\t8\t.\t+\t.\tID=tx1\n'),
    'gfp.fa.gz': gzipSync('>gfp\nACGT\n'),
    'bbsplit_fasta_list.txt': `human,${join(data, 'genome.fasta')}\n`,
    'hisat2.tar.gz': 'stand-in',
    'salmon.tar.gz': 'stand-in',
    'kraken2.tar.gz': 'stand-in',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(data, name), content);
  const params: Record<string, string> = {
    input: 'samplesheet.csv',
    fasta: 'genome.fasta',
    gtf: 'genes_with_empty_tid.gtf.gz',
    gff: 'genes.gff.gz',
    transcript_fasta: 'transcriptome.fasta',
    additional_fasta: 'gfp.fa.gz',
    bbsplit_fasta_list: 'bbsplit_fasta_list.txt',
    hisat2_index: 'hisat2.tar.gz',
    salmon_index: 'salmon.tar.gz',
    kraken_db: 'kraken2.tar.gz',
  };
  const yaml = Object.entries(params).map(([key, file]) => `${key}: ${join(data, file)}`);
  writeFileSync(join(dir, 'offline.yaml'), `${yaml.join('\n')}\n`);
  for (const [name, body] of Object.entries(TOOLS)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { dir, env: { NXF_OFFLINE: 'true', PATH: `${bin}:${process.env.PATH ?? ''}` } };
}

// The digest nf-test's snapshot gives a file: of its uncompressed content for a .gz.
function md5(file: string): string {
  const bytes = readFileSync(file);
  return createHash('md5')
    .update(file.endsWith('.gz') ? gunzipSync(bytes) : bytes)
    .digest('hex');
}

// Runs the nf-test `test` of tests/`snapFile` as nf-test does (its params added to the params file as YAML lines)
// and compares with its snapshot.
async function runAndCompare(
  snapFile: string,
  test: string,
  extra: { params?: readonly string[] } = {},
): Promise<void> {
  const { dir, env } = launch();
  const args = ['run', join(pipeline, 'main.nf'), '-profile', 'test', '-c', join(pipeline, 'tests', 'nextflow.config')];
  if (extra.params !== undefined) appendFileSync(join(dir, 'offline.yaml'), `${extra.params.join('\n')}\n`);
  const result = await runPipe([...args, '-stub-run', '-params-file', 'offline.yaml', '--outdir', 'out'], dir, env);
  expect(result.code, result.stderr.slice(-2000)).toBe(0);
  const snap = JSON.parse(readFileSync(join(pipeline, 'tests', snapFile), 'utf8')) as Record<
    string,
    { content: [number, Record<string, Record<string, unknown>>, string[], string[]] }
  >;
  const [succeeded, versions, names, digests] = snap[test]?.content ?? [0, {}, [], []];
  const out = join(dir, 'out');

  expect(result.stderr).toContain(`${succeeded} succeeded`);

  expectVersions(out, 'nf_core_rnaseq_software_mqc_versions.yml', versions);

  expectPublishedNames(out, names);

  // digests: the files tests/.nftignore does not exclude, as `name:md5,digest`
  const ignore = readFileSync(join(pipeline, 'tests', '.nftignore'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((glob) => globToRegExp(glob));
  const stable = allPaths(out)
    .filter((path) => statSync(join(out, path)).isFile() && !ignore.some((re) => re.test(path)))
    .map((path) => `${basename(path)}:md5,${md5(join(out, path))}`);
  expect(stable.sort()).toEqual([...digests].sort());
}

describe.skipIf(!existsSync(join(pipeline, 'main.nf')))('nf-core/rnaseq 3.24.0 (47b3b0d3), unmodified', () => {
  it('runs its default stub test offline and publishes what tests/default.nf.test.snap lists', async () => {
    await runAndCompare('default.nf.test.snap', 'Params: default - stub');
  });

  it('runs the hisat2 stub test as tests/hisat2.nf.test.snap lists', async () => {
    await runAndCompare('hisat2.nf.test.snap', 'Params: --aligner hisat2 - stub', {
      params: ['aligner: hisat2', 'skip_bigwig: true'],
    });
  });

  // a config closure reads `meta` for processes without it (an empty ConfigObject there)
  it('runs the skip_quantification_merge stub test as its snapshot lists', async () => {
    await runAndCompare(
      'skip_quantification_merge.nf.test.snap',
      'Params: --pseudo_aligner salmon --skip_alignment --skip_quantification_merge - stub',
      { params: ['pseudo_aligner: salmon', 'skip_alignment: true', 'skip_quantification_merge: true'] },
    );
  });
});
