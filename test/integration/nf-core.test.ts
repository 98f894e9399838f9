// nf-core-style pipelines run unmodified: the template-shaped fixture, and nf-core/demo itself (vendored in
// fixtures/nf-core/demo-16bb0e3, MIT; PIPE_NF_CORE_DEMO names another checkout of commit 16bb0e3).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const template = resolve(import.meta.dirname, '..', '..', 'fixtures', 'dsl', 'nf-template');
const vendoredDemo = resolve(import.meta.dirname, '..', '..', 'fixtures', 'nf-core', 'demo-16bb0e3');
const demo = process.env.PIPE_NF_CORE_DEMO ?? (existsSync(join(vendoredDemo, 'main.nf')) ? vendoredDemo : undefined);
const offline = { NXF_OFFLINE: 'true' };

// A launch directory holding the fixture's samplesheet and data, with `sheet` as another samplesheet.
function templateLaunch(sheet?: string): string {
  const dir = scratchDir(sheet === undefined ? {} : { 'bad.csv': sheet });
  cpSync(join(template, 'samplesheet.csv'), join(dir, 'samplesheet.csv'));
  cpSync(join(template, 'data'), join(dir, 'data'), { recursive: true });
  return dir;
}

function onlyFile(dir: string, prefix: string): string {
  const name = readdirSync(dir).find((n) => n.startsWith(prefix));
  if (name === undefined) throw new Error(`no ${prefix}* in ${dir}: ${readdirSync(dir).join(', ')}`);
  return join(dir, name);
}

describe('an nf-core-template-shaped pipeline (fixtures/dsl/nf-template)', () => {
  it('runs -stub-run offline: config, modules.config, nf-schema, Groovy library, pipeline_info and onComplete', async () => {
    const dir = templateLaunch();
    const args = ['run', join(template, 'main.nf'), '-profile', 'test', '-stub-run', '--input', 'samplesheet.csv'];
    const result = await runPipe([...args, '--outdir', 'results'], dir, offline);
    expect(result.stderr).toContain('4 succeeded');
    expect(result.code).toBe(0);
    // publishDir closures per task, pattern and saveAs; ext.args/ext.prefix from withName 'GREET|UNUSED'
    expect(readdirSync(join(dir, 'results', 'greet', 'alpha')).sort()).toEqual([
      'alpha_greeted.json',
      'alpha_greeted.txt',
    ]);
    const greeted = readFileSync(join(dir, 'results', 'greet', 'alpha', 'alpha_greeted.txt'), 'utf8');
    // label process_single (6.GB) capped by the test profile's resourceLimits (4.GB); env scope exported
    expect(greeted).toBe('stub --greeting Hello cpus=1 memory=4 GB env=set by the config\n');
    // a fully qualified withName selector, and process_low's 4 cpus capped at 2
    expect(readFileSync(join(dir, 'results', 'count', 'beta.count'), 'utf8')).toBe('stub --words cpus=2\n');
    const info = join(dir, 'results', 'pipeline_info');
    expect(readFileSync(join(info, 'software_versions.yml'), 'utf8')).toBe(
      'COUNT:\n  wc: 9.1\nGREET:\n  greeter: 1.0\nWorkflow:\n    pipe/nf-template: v2.1.0\n    Nextflow: 25.04.8\n',
    );
    const params = JSON.parse(readFileSync(onlyFile(info, 'params_'), 'utf8')) as Record<string, unknown>;
    expect(params).toMatchObject({ input: 'samplesheet.csv', outdir: 'results', greeting: 'Hello' });
    expect(readFileSync(onlyFile(info, 'execution_trace_'), 'utf8')).toMatch(/^task_id\thash/);
    for (const prefix of ['execution_report_', 'execution_timeline_', 'pipeline_dag_'])
      expect(readFileSync(onlyFile(info, prefix), 'utf8')).toContain('<html');
    // the Groovy library and the template engine, logged by the script
    const text = result.stdout + result.stderr;
    expect(text).toContain('samples=2 picked=[alpha:1, beta:2] common=[alpha] grouped=[5:[alpha], 4:[beta]]');
    expect(text).toContain('md5=20826a3cb51d6c7d9c219c7f4bf4e5c9 number=44 matched=true');
    expect(text).toContain('- sample alpha\n- sample beta\nTotal: 2 sample(s)');
    // paramsSummaryLog with the summary texts read from the config's own earlier values
    expect(text).toContain('== pipe/nf-template 2.1.0 ==');
    expect(text).toContain('https://doi.org/10.1000/two');
    expect(text).toContain('completed: success=true exit=0 succeeded=4 profile=test');
  });

  it("fails a samplesheet against its schema with the schema's errorMessage, and warns about a remote config", async () => {
    const dir = templateLaunch('sample,replicate,text\nalpha one,1,data/a.txt\nbeta,x,data/missing.txt\n');
    const args = ['run', join(template, 'main.nf'), '-stub-run', '--input', 'bad.csv', '--outdir', 'results'];
    const result = await runPipe(args, dir, { NXF_OFFLINE: '' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'Unable to load the remote config `https://example.org/configs/Hello/remote.config`',
    );
    expect(result.stderr).toContain('The following errors have been detected in bad.csv:');
    expect(result.stderr).toContain(
      `-> Entry 1: Error for field 'sample' (alpha one): "alpha one" does not match regular expression ^\\S+$ (Sample names cannot contain spaces)`,
    );
    expect(result.stderr).toContain(
      "-> Entry 2: Error for field 'replicate' (x): Value is [string] but should be [integer]",
    );
    expect(result.stderr).toContain(
      "-> Entry 2: Error for field 'text' (data/missing.txt): the file or directory 'data/missing.txt' does not exist",
    );
  });

  it('validates parameters with nf-schema texts and prints --help from the schema', async () => {
    const dir = templateLaunch();
    const bad = await runPipe(['run', join(template, 'main.nf'), '--greeting', 'Bye', '--outdir', 'r'], dir, offline);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('* Missing required parameter(s): input');
    expect(bad.stderr).toContain('* --greeting (Bye): Value ["Bye"] is not in enum ["Hello", "Hi", "Other"]');
    const help = await runPipe(['run', join(template, 'main.nf'), '--help'], dir, offline);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Typical pipeline command:');
    expect(help.stdout).toMatch(/--input +\[string\] +Samplesheet of the samples to greet\./);
    expect(help.stdout).toContain('(accepted: Hello, Hi, Other) [default: Hello]');
    expect(help.stdout).toMatch(/--help +\[boolean, string\] Show the help\./);
    expect(help.stdout).toContain('!! Hiding 7 param(s), use the `--show_hidden` parameter to show them !!');
    expect(existsSync(join(dir, 'work'))).toBe(false);
  });

  it('refuses conda.enabled with an error rather than running on the host', async () => {
    const dir = templateLaunch();
    writeFileSync(join(dir, 'conda.config'), 'conda.enabled = true\n');
    const args = [
      'run',
      join(template, 'main.nf'),
      '-c',
      'conda.config',
      '--input',
      'samplesheet.csv',
      '--outdir',
      'r',
    ];
    const result = await runPipe(args, dir, offline);
    expect(result.code).toBe(33);
    expect(result.stderr).toContain('`conda.enabled = true`: pipe does not create conda environments');
  });
});

// Tools nf-core/demo's stubs ask for their versions, standing in for the containers an offline machine cannot pull.
function demoTools(dir: string): string {
  const bin = join(dir, 'tools');
  mkdirSync(bin);
  const tools: Record<string, string> = {
    fastqc: 'echo "FastQC v0.12.1"',
    seqtk: 'printf "\\nUsage:   seqtk <command> <arguments>\\nVersion: 1.4-r122\\n"',
    multiqc: 'echo "multiqc, version 1.25.1"',
  };
  for (const [name, body] of Object.entries(tools)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

describe.skipIf(demo === undefined)('nf-core/demo 16bb0e3, unmodified', () => {
  const main = join(demo ?? '', 'main.nf');
  const fastq = gzipSync('@r1\nACGTACGTAC\n+\nIIIIIIIIII\n');

  function launch(sheet: string): { dir: string; env: NodeJS.ProcessEnv } {
    const dir = scratchDir({ 'samplesheet.csv': sheet });
    for (const name of ['s1_R1', 's1_R2', 's2_R1']) writeFileSync(join(dir, `${name}.fastq.gz`), fastq);
    return { dir, env: { ...offline, PATH: `${demoTools(dir)}:${process.env.PATH ?? ''}` } };
  }

  it('runs -profile test -stub-run with two samples and publishes what its nf-test snapshots list', async () => {
    const { dir, env } = launch(
      'sample,fastq_1,fastq_2\nSAMPLE_1,s1_R1.fastq.gz,s1_R2.fastq.gz\nSAMPLE_2,s2_R1.fastq.gz,\n',
    );
    const args = ['run', main, '-profile', 'test', '-stub-run', '--input', 'samplesheet.csv', '--outdir', 'out'];
    const result = await runPipe(args, dir, env);
    expect(result.code).toBe(0);
    const out = join(dir, 'out');
    // FASTQC's stub: an empty <prefix>.html (md5 d41d8cd9… in the module's snapshot); only *.{html,json} published
    for (const sample of ['SAMPLE_1', 'SAMPLE_2'])
      expect(readdirSync(join(out, 'fastqc', sample))).toEqual([`${sample}.html`]);
    expect(readFileSync(join(out, 'fastqc', 'SAMPLE_1', 'SAMPLE_1.html'), 'utf8')).toBe('');
    expect(readdirSync(join(out, 'multiqc')).sort()).toEqual(['multiqc_data', 'multiqc_plots', 'multiqc_report.html']);
    const info = join(out, 'pipeline_info');
    expect(readFileSync(join(info, 'nf_core_demo_software_mqc_versions.yml'), 'utf8')).toContain(
      'FASTQC:\n  fastqc: 0.12.1\n',
    );
    expect(JSON.parse(readFileSync(onlyFile(info, 'params_'), 'utf8'))).toMatchObject({ outdir: 'out' });
    expect(readFileSync(onlyFile(info, 'execution_trace_'), 'utf8')).toMatch(/^task_id\thash/);
    expect(result.stdout + result.stderr).toContain('Pipeline completed successfully');
  });

  it("fails a sample name with a space by the schema's errorMessage", async () => {
    const { dir, env } = launch('sample,fastq_1,fastq_2\nSAMPLE 1,s1_R1.fastq.gz,s1_R2.fastq.gz\n');
    const args = ['run', main, '-profile', 'test', '-stub-run', '--input', 'samplesheet.csv', '--outdir', 'out'];
    const result = await runPipe(args, dir, env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('(Sample name must be provided and cannot contain spaces)');
  });

  it('prints the parameters of its schema with --help', async () => {
    const { dir, env } = launch('');
    const result = await runPipe(['run', main, '-profile', 'test', '--help'], dir, env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Input/output options');
    expect(result.stdout).toMatch(/--input +\[string\]/);
  });
});
