// A .nf run's command line through the built CLI: Nextflow's single-dash options, every `--name` a param.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const MAIN = `
params.outdir = 'default-out'
params.jobs = 1
params.input = 'none'
process SAY {
  input:
  val x
  output:
  stdout
  script:
  "echo \${x} outdir=\${params.outdir} jobs=\${params.jobs} input=\${params.input}"
}
workflow {
  SAY(Channel.of('a')) | view
}
workflow other {
  SAY(Channel.of('z')) | view
}
`;

// A workflow that publishes the files of its tasks through an `output {}` block.
const OUTPUTS = `
process MAKE {
  input:
  val x
  output:
  path "\${x}.txt"
  script:
  "echo \${x} > \${x}.txt"
}
workflow {
  main:
  made = MAKE(Channel.of('a', 'b'))
  publish:
  made = made
}
output {
  made {
    path 'made'
  }
}
`;

// A process whose container no engine can have (port 1 refuses): it runs on the host unless containers are on.
const BOXED = `
process BOXED {
  container 'localhost:1/pipe-absent:1'
  output:
  stdout
  script:
  "echo host"
}
workflow {
  BOXED() | view
}
`;

describe('a .nf run reads its options as `nextflow run` does', () => {
  it('passes --outdir, --jobs and --input to the pipeline as params', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const result = await runPipe(['run', 'main.nf', '--outdir', 'out', '--jobs', '7', '--input=x.csv'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('a outdir=out jobs=7 input=x.csv');
  });

  it('writes default-named trace, timeline and DAG files for options given no file, never eating the next option', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const result = await runPipe(['run', 'main.nf', '-with-trace', '-plain', '-with-timeline', '-with-dag'], dir);
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(dir);
    expect(files.find((f) => /^trace-\d{8}-\d+\.txt$/.test(f))).toBeDefined();
    expect(files.find((f) => /^timeline-\d{8}-\d+\.html$/.test(f))).toBeDefined();
    const dag = files.find((f) => /^dag-\d{8}-\d+\.html$/.test(f));
    expect(readFileSync(join(dir, dag ?? 'missing'), 'utf8')).toContain('SAY');
    expect(files).not.toContain('-plain');
    expect(existsSync(join(dir, 'ith-timeline'))).toBe(false);
    expect(readFileSync(join(dir, files.find((f) => f.startsWith('timeline-')) ?? ''), 'utf8')).toContain('SAY');
  });

  it('takes -q before run, -w for the work dir and -entry for a named workflow', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const result = await runPipe(['-q', 'run', 'main.nf', '-w', 'scratch', '-entry', 'other'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('z outdir=default-out');
    expect(result.stderr).not.toContain(' of ');
    expect(existsSync(join(dir, 'scratch'))).toBe(true);
    expect(existsSync(join(dir, 'work'))).toBe(false);
  });

  it('writes a DAG as SVG through Graphviz', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const result = await runPipe(['run', 'main.nf', '-with-dag', 'flow.svg', '-preview'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('preview of main.nf: 1 step');
    expect(readFileSync(join(dir, 'flow.svg'), 'utf8')).toContain('<svg');
    expect(existsSync(join(dir, 'work'))).toBe(false);
  });

  it.each([
    [
      ['run', 'main.nf', '-with-timelin'],
      'unknown option `-with-timelin` for a .nf run',
      'did you mean `-with-timeline`?',
    ],
    [['run', 'main.nf', '-lib', 'x'], 'the Nextflow option `-lib` is not supported by pipe', 'Groovy'],
    [['run', '--parallel', 'main.nf'], 'no pipeline file given', '`--parallel main.nf` read the pipeline as a value'],
    [['run', 'main.nf', '-entry', 'othr'], '`-entry othr` names no workflow', 'did you mean `other`?'],
    [['run', 'main.nf', '-name', 'Bad Name'], 'not a valid run name: "Bad Name"', 'lower-case'],
  ])('rejects %j naming the option', async (args, message, hint) => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const result = await runPipe(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(hint);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('runs in the background with -bg, writing its output to .pipe/run.log', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const result = await runPipe(['-bg', 'run', 'main.nf', '-plain'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('running in the background');
    const log = join(dir, '.pipe', 'run.log');
    const deadline = Date.now() + 20_000;
    while (!(existsSync(log) && readFileSync(log, 'utf8').includes('succeeded in')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readFileSync(log, 'utf8')).toContain('a outdir=default-out');
  });

  it('writes a default-named HTML report with -with-report, and the DAG in the format of -with-dag FILE (.mmd, .dot, .png)', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const report = await runPipe(['run', 'main.nf', '-with-report', '-plain'], dir);
    expect(report.code, report.stderr).toBe(0);
    const html = readdirSync(dir).find((f) => /^report-\d{8}-\d+\.html$/.test(f));
    expect(readFileSync(join(dir, html ?? 'missing'), 'utf8')).toContain('SAY (1)');
    expect(readdirSync(dir)).not.toContain('-plain');
    for (const [file, start] of [
      ['flow.mmd', 'flowchart'],
      ['flow.dot', 'digraph'],
    ]) {
      const result = await runPipe(['run', 'main.nf', '-with-dag', file ?? '', '-preview'], dir);
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(join(dir, file ?? ''), 'utf8')).toMatch(new RegExp(`^${start}[^]*SAY`));
    }
    const png = await runPipe(['run', 'main.nf', '-with-dag', 'flow.png', '-preview'], dir);
    expect(png.code, png.stderr).toBe(0);
    expect(readFileSync(join(dir, 'flow.png')).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  });

  it('publishes workflow outputs under -output-dir, or -o', async () => {
    const dir = scratchDir({ 'outputs.nf': OUTPUTS });
    for (const [option, out] of [
      ['-output-dir', 'published'],
      ['-o', 'other'],
    ] as const) {
      const result = await runPipe(['run', 'outputs.nf', option, out, '-plain'], dir);
      expect(result.code, result.stderr).toBe(0);
      expect(readdirSync(join(dir, out, 'made')).sort()).toEqual(['a.txt', 'b.txt']);
    }
    expect(existsSync(join(dir, 'results'))).toBe(false);
  });

  it('prints plain progress lines with -ansi-log false and the live view with -ansi-log true', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const plain = await runPipe(['run', 'main.nf', '-ansi-log', 'false'], dir);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/^pipe: run \S+ of \S+main\.nf on local$/m);
    expect(plain.stderr).not.toMatch(/^elapsed /m);
    const live = await runPipe(['run', 'main.nf', '-ansi-log', 'true'], dir);
    expect(live.code, live.stderr).toBe(0);
    expect(live.stderr).toMatch(/^elapsed \S+ · 1\/1 done/m);
  });

  it('runs processes in their containers with a bare -with-docker or -with-podman, reading the next word as an option', async () => {
    const dir = scratchDir({ 'boxed.nf': BOXED });
    const host = await runPipe(['run', 'boxed.nf', '-plain'], dir);
    expect(host.code, host.stderr).toBe(0);
    for (const option of ['-with-docker', '-with-podman']) {
      const boxed = await runPipe(['run', 'boxed.nf', option, '-plain'], dir);
      expect(boxed.code).toBe(1);
      expect(boxed.stderr).toContain('process `BOXED` cannot run in its container');
      expect(boxed.stderr).toContain('localhost:1/pipe-absent:1');
    }
    expect(readdirSync(dir).filter((f) => f.includes('ith-'))).toEqual([]);
  });

  it('prints its options with -help', async () => {
    const result = await runPipe(['run', 'main.nf', '-help'], scratchDir({ 'main.nf': MAIN }));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('-with-trace [VALUE]');
    expect(result.stdout).toContain('-qs, -queue-size VALUE');
  });
});

describe('a .nf run checks --param values against their defaults', () => {
  const typed = `params.minlen = 10\nparams.ratio = 0.5\nparams.skip = false\nparams.name = 'x'\n${MAIN}`;
  it.each([
    [['--minlen', 'abc'], '--minlen expects an integer, as its default `params.minlen = 10` is; got "abc"'],
    [['--ratio', 'x'], '--ratio expects a number'],
    [['--skip', 'maybe'], '--skip expects true or false'],
  ])('%j is an error naming the param and its default', async (params, message) => {
    const result = await runPipe(['run', 'main.nf', ...params], scratchDir({ 'main.nf': typed }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('takes values of the default type, and any value for a text param', async () => {
    const result = await runPipe(
      ['run', 'main.nf', '--minlen', '3', '--ratio', '1', '--skip', '--name', '5'],
      scratchDir({ 'main.nf': typed }),
    );
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('other formats keep pipe double-dash options', () => {
  it('rejects a .nf spelling on a task list, naming pipe’s', async () => {
    const dir = scratchDir({ 'list.txt': 'true\n' });
    const result = await runPipe(['run', 'list.txt', '-with-trace', 't.txt'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("`-with-trace` is a .nf run's option");
    expect(result.stderr).toContain('`--with-trace`');
  });

  it('names an unknown option before the file instead of reading it as the file', async () => {
    const dir = scratchDir({ 'list.txt': 'true\n' });
    const result = await runPipe(['run', '--paralel', 'list.txt'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option `--paralel` for `pipe run`');
  });

  it('prints the version with -version or -v, and a command’s options with -help, as nextflow does', async () => {
    const dir = scratchDir();
    const version = (await runPipe(['--version'], dir)).stdout;
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const word of ['-version', '-v']) expect((await runPipe([word], dir)).stdout).toBe(version);
    const run = await runPipe(['run', '-help'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Usage: pipe run [options] <file>');
    const log = await runPipe(['log', '-help'], dir);
    expect(log.stdout).toContain('-f, --fields <list>');
  });

  it('takes -q before run for any format', async () => {
    const dir = scratchDir({ 'list.txt': 'echo hi\n' });
    const result = await runPipe(['-q', 'run', 'list.txt'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain(' of ');
  });

  it("-dump-hashes writes each task's cache key and its parts to .nextflow.log, as text or JSON", async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const text = await runPipe(['-q', 'run', 'main.nf', '-dump-hashes'], dir);
    expect(text.code, text.stderr).toBe(0);
    const log = readFileSync(join(dir, '.nextflow.log'), 'utf8');
    expect(log).toMatch(
      /\[SAY \(1\)\] cache hash: [0-9a-f]{64}; mode: STANDARD; entries: \n(?: {2}.*\n)*? {2}[0-9a-f]+ \[script\] echo a outdir=/,
    );
    const json = await runPipe(['-q', 'run', 'main.nf', '-dump-hashes', 'json'], dir);
    expect(json.code, json.stderr).toBe(0);
    const line = readFileSync(join(dir, '.nextflow.log'), 'utf8')
      .split('\n')
      .find((l) => l.includes('entries: ['));
    const entries = JSON.parse((line ?? '').replace(/^.*entries: /, '')) as { type: string }[];
    expect(entries.map((e) => e.type)).toContain('script');
  });

  it('-N mails a summary of the run through sendmail -t when it ends, and refuses a value that is no address', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    mkdirSync(join(dir, 'bin'));
    writeFileSync(
      join(dir, 'bin', 'sendmail'),
      '#!/bin/sh\necho "$@" > "$(dirname "$0")/../args"\ncat > "$(dirname "$0")/../mail"\n',
    );
    chmodSync(join(dir, 'bin', 'sendmail'), 0o755);
    const env = { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` };
    const result = await runPipe(['-q', 'run', 'main.nf', '-N', 'ada@example.org'], dir, env);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('-t');
    const mail = readFileSync(join(dir, 'mail'), 'utf8');
    expect(mail).toMatch(/^To: ada@example\.org\nSubject: Workflow completed \[\S+\]\n/);
    expect(mail).toContain('Status: succeeded (exit code 0)');
    expect(mail).toContain('succeeded: 1');
    const bad = await runPipe(['-q', 'run', 'main.nf', '-N', 'nobody'], dir, env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('-N needs e-mail addresses');
  });

  it("a bare -N mails the config's notification.to from notification.from; notification.enabled alone mails too; -N false does not", async () => {
    const config = "notification { to = ['ada@example.org', 'alan@example.org']; from = 'pipe@example.org' }\n";
    const dir = scratchDir({ 'main.nf': MAIN, 'nextflow.config': config });
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'sendmail'), '#!/bin/sh\ncat >> "$(dirname "$0")/../mail"\n');
    chmodSync(join(dir, 'bin', 'sendmail'), 0o755);
    const env = { PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` };
    const bare = await runPipe(['-q', 'run', 'main.nf', '-N', '-resume'], dir, env);
    expect(bare.code, bare.stderr).toBe(0);
    expect(readFileSync(join(dir, 'mail'), 'utf8')).toMatch(
      /^To: ada@example\.org,alan@example\.org\nFrom: pipe@example\.org\nSubject: Workflow completed /,
    );
    rmSync(join(dir, 'mail'));
    const off = await runPipe(['-q', 'run', 'main.nf', '-resume'], dir, env);
    expect(off.code, off.stderr).toBe(0);
    expect(existsSync(join(dir, 'mail'))).toBe(false); // the scope names recipients but is not enabled
    writeFileSync(join(dir, 'nextflow.config'), `${config}notification.enabled = true\n`);
    const on = await runPipe(['-q', 'run', 'main.nf', '-resume'], dir, env);
    expect(on.code, on.stderr).toBe(0);
    expect(readFileSync(join(dir, 'mail'), 'utf8')).toMatch(/^To: ada@example\.org,alan@example\.org\n/);
    rmSync(join(dir, 'mail'));
    const no = await runPipe(['-q', 'run', 'main.nf', '-resume', '-N', 'false'], dir, env);
    expect(no.code, no.stderr).toBe(0);
    expect(existsSync(join(dir, 'mail'))).toBe(false);
    writeFileSync(join(dir, 'nextflow.config'), '');
    const nobody = await runPipe(['-q', 'run', 'main.nf', '-resume', '-N'], dir, env);
    expect(nobody.code, nobody.stderr).toBe(0);
    expect(nobody.stderr).toContain('no e-mail recipients');
    expect(existsSync(join(dir, 'mail'))).toBe(false);
  });
});
