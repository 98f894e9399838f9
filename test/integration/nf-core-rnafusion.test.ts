// nf-core/rnafusion 4.1.0, unmodified (vendored in fixtures/nf-core/rnafusion-4.1.0, MIT): its nf-tests "stub test
// all" (tests/test_stub.nf.test: `-profile test -stub`, every tool) and "default no fastqs provided"
// (tests/test_stub_bam.nf.test: a CRAM and junctions, no reads), offline with local stand-ins for the remote
// inputs, compared with what the pipeline's own snapshot (tests/test_stub.nf.test.snap) lists, as nf-test compares
// it: the number of succeeded tasks, the software versions (process → tools) and every published file and folder by
// name. The annotation filter rule must be an http(s) URL (the schema's pattern): a server on the loopback interface
// serves it, and pipe stages it as Nextflow stages a foreign file.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';
import { expectPublishedNames, expectVersions } from './nf-core-snapshot.js';

const pipeline = resolve(import.meta.dirname, '..', '..', 'fixtures', 'nf-core', 'rnafusion-4.1.0');

// Tools the stubs ask for their versions, standing in for the containers an offline machine lacks; BIOAWK has no
// stub, so its script runs: the stand-in writes an empty selection.
const TOOLS: Record<string, string> = {
  samtools: 'echo "samtools 1.21"',
  gawk: 'echo "GNU Awk 5.1.0, API: 3.0"',
  gatk: 'echo "The Genome Analysis Toolkit (GATK) v4.6.1.0"',
  STAR: 'echo 2.7.11b',
  wget: 'echo "GNU Wget 1.21.4 built on linux-gnu."',
  stringtie: 'echo 2.2.3',
  fusion_report: 'echo "fusion-report 4.0.1"',
  salmon: 'echo "salmon 1.10.3"',
  arriba: 'echo "Version: 2.5.0"',
  python: 'echo "Python 3.12.2"',
  picard: 'echo "Version:3.3.0"',
  gffread: 'echo 0.12.7',
  fusioncatcher: 'echo "fusioncatcher.py 1.35"',
  fastp: 'echo "fastp 0.24.0" >&2',
  hmmpress: 'echo "# HMMER 3.4 (Aug 2023); http://hmmer.org/"',
  'agat_convert_sp_gff2tsv.pl': 'echo " (AGAT) v1.5.1"',
  'agat_convert_sp_gff2bed.pl': 'echo " (AGAT) v1.5.1"',
  FusionInspector: 'echo "FusionInspector version: 2.10.0"',
  umi_tools: 'echo "UMI-tools version: 1.1.5"',
  pigz: 'echo "pigz 2.8"',
  multiqc: 'echo "multiqc, version 1.29"',
  fastqc: 'echo "FastQC v0.12.1"',
  bioawk: 'exit 0',
};

const RULE = 'package AnnotFilterRule;\n1;\n';
let server: Server;
let ruleUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== '/AnnotFilterRule.pm') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': String(RULE.length) }).end(req.method === 'HEAD' ? undefined : RULE);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  ruleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/AnnotFilterRule.pm`;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

// A launch directory with the inputs, a params file naming them (the test's own params and local copies of what
// the test and the test profile fetch), a config capping requests at this machine's 2 cores, and the tools.
function launch(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = scratchDir();
  const data = join(dir, 'data');
  const bin = join(dir, 'tools');
  mkdirSync(data);
  mkdirSync(bin);
  const fastq = gzipSync('@r1\nACGTACGTAC\n+\nIIIIIIIIII\n');
  writeFileSync(join(data, 'reads_1.fq.gz'), fastq);
  writeFileSync(join(data, 'reads_2.fq.gz'), fastq);
  // the sample of tests/csv/fastq.csv
  const sheet = `sample,fastq_1,fastq_2,strandedness\ntest,${join(data, 'reads_1.fq.gz')},${join(data, 'reads_2.fq.gz')},forward\n`;
  writeFileSync(join(data, 'fastq.csv'), sheet);
  // tests/yml/cram_only.yml: the sample aligned already, no reads
  const aligned = {
    cram: 'test.Aligned.sortedByCoord.out.cram',
    crai: 'test.Aligned.sortedByCoord.out.cram.crai',
    junctions: 'test.Chimeric.out.junction',
    splice_junctions: 'test.SJ.out.tab',
  };
  for (const name of Object.values(aligned)) writeFileSync(join(data, name), 'stand-in\n');
  const yaml = Object.entries(aligned).map(([key, name]) => `  ${key}: ${join(data, name)}`);
  writeFileSync(join(data, 'cram_only.yml'), `- sample: test\n${yaml.join('\n')}\n  strandedness: forward\n`);
  const files: Record<string, string> = {
    input: 'fastq.csv',
    fusion_annot_lib: 'CTAT_HumanFusionLib.mini.dat.gz',
    arriba_ref_protein_domains: 'protein_domains_hg38_GRCh38_v2.5.0.gff3',
    arriba_ref_known_fusions: 'known_fusions_hg38_GRCh38_v2.5.0.tsv.gz',
    arriba_ref_blacklist: 'blacklist_hg38_GRCh38_v2.5.0.tsv.gz',
    arriba_ref_cytobands: 'cytobands_hg38_GRCh38_v2.5.0.tsv',
    dfam_hmm: 'test_starfusion_dfam.hmm',
    dfam_h3f: 'test_starfusion_dfam.hmm.h3f',
    dfam_h3i: 'test_starfusion_dfam.hmm.h3i',
    dfam_h3m: 'test_starfusion_dfam.hmm.h3m',
    dfam_h3p: 'test_starfusion_dfam.hmm.h3p',
    pfam_file: 'Pfam-A.hmm.gz',
    ctatsplicing_cancer_introns: 'cancer_introns.GRCh38.Jun232020.tsv.gz',
  };
  for (const [key, name] of Object.entries(files)) if (key !== 'input') writeFileSync(join(data, name), 'stand-in\n');
  const params = [
    ...Object.entries(files).map(([key, name]) => `${key}: ${join(data, name)}`),
    `annot_filter_url: ${ruleUrl}`,
    'tools: all',
    'no_cosmic: true',
  ];
  writeFileSync(join(dir, 'offline.yaml'), `${params.join('\n')}\n`);
  writeFileSync(join(dir, 'limits.config'), 'process.resourceLimits = [cpus: 2, memory: 6.GB, time: 6.h]\n');
  for (const [name, body] of Object.entries(TOOLS)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { dir, env: { NXF_OFFLINE: 'true', PATH: `${bin}:${process.env.PATH ?? ''}` } };
}

// Runs the pipeline as the nf-test `test` of `snapFile` does (`extra` params added) and compares with its snapshot.
async function runAndCompare(snapFile: string, test: string, extra: readonly string[] = []): Promise<void> {
  const { dir, env } = launch();
  const config = ['-c', join(pipeline, 'tests', 'nextflow.config'), '-c', 'limits.config'];
  const args = ['run', join(pipeline, 'main.nf'), '-profile', 'test', ...config, '-stub-run'];
  const result = await runPipe([...args, '-params-file', 'offline.yaml', '--outdir', 'out', ...extra], dir, env);
  expect(result.code, result.stderr.slice(-2000)).toBe(0);
  const snap = JSON.parse(readFileSync(join(pipeline, 'tests', snapFile), 'utf8')) as Record<
    string,
    { content: [number, Record<string, Record<string, unknown>>, string[]] }
  >;
  const [succeeded, versions, names] = snap[test]?.content ?? [0, {}, []];
  const out = join(dir, 'out');

  expect(result.stderr).toContain(`${succeeded} succeeded`);

  expectVersions(out, 'nf_core_rnafusion_software_mqc_versions.yml', versions);

  expectPublishedNames(out, names);
}

describe.skipIf(!existsSync(join(pipeline, 'main.nf')))('nf-core/rnafusion 4.1.0 (eabd3f2d), unmodified', () => {
  it('runs its "stub test all" offline and publishes what tests/test_stub.nf.test.snap lists', async () => {
    await runAndCompare('test_stub.nf.test.snap', 'stub test all');
  });

  it('runs tests/test_stub_bam.nf.test\'s "default no fastqs provided" (a CRAM, no reads) as its snapshot lists', async () => {
    await runAndCompare('test_stub_bam.nf.test.snap', 'default no fastqs provided', ['--input', 'data/cram_only.yml']);
  });
});
