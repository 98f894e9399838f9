// GNU parallel's habits through the built CLI: columns, stdin, the job log, dry runs, timeouts and inline tags; and
// options that do not apply to the workflow's format are errors.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeBin, runPipe, scratchDir, type CliResult } from '../helpers/cli.js';

// Runs `pipe ARGS` with `input` on stdin.
function runWithStdin(args: readonly string[], cwd: string, input: string): Promise<CliResult> {
  const child = spawn(pipeBin, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('task lists as GNU parallel users write them', () => {
  it('fills {1} {2} from --colsep columns and {#} with the sequence number', async () => {
    const dir = scratchDir({ 'pairs.txt': 'a,1\nb c,2\n' });
    const result = await runPipe(
      ['run', 'pairs.txt', '--template', 'echo {2}-{1}-{#} >> out.txt', '--colsep', ',', '-j', '1', '--plain'],
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('1-a-1\n2-b c-2\n');
  });

  it.each([
    [['--template', 'echo {2}'], 'the template names column 2 (`{2}`), but lines are not split into columns'],
    [['--template', 'echo {%}'], "the template's replacement string `{%}` is not supported"],
    [['--template', 'echo {= $_ =}'], "the template's replacement string `{= $_ =}` is not supported"],
    [['--colsep', ','], '--colsep splits the lines of a --template run, and no --template is given'],
  ])('rejects %j instead of running it literally', async (options, message) => {
    const dir = scratchDir({ 'l.txt': 'a\n' });
    const result = await runPipe(['run', 'l.txt', ...options], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it.each([
    [
      ['run', '--template', 'echo {}', ':::', 'a', 'b'],
      "GNU parallel's `:::` input source is not supported",
      'pipe run -',
    ],
    [['run', 'l.txt', ':::', 'a'], "GNU parallel's `:::` input source is not supported", 'one per line in a file'],
    [
      ['run', '--template', 'echo {}', '::::', 'l.txt'],
      "GNU parallel's `::::` input source is not supported",
      'pipe run FILE',
    ],
  ])('rejects parallel input sources in %j, saying how pipe takes arguments', async (args, message, hint) => {
    const dir = scratchDir({ 'l.txt': 'a\n' });
    const result = await runPipe(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`pipe: error: ${message}`, expect.stringContaining(hint)]);
    expect(readdirSync(dir)).toEqual(['l.txt']);
  });

  it('reads the list from stdin with `pipe run -`, and resumes the same list', async () => {
    const dir = scratchDir();
    const first = await runWithStdin(['run', '-', '--plain'], dir, 'echo one > one.txt\necho two > two.txt\n');
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(dir, 'two.txt'), 'utf8')).toBe('two\n');
    const again = await runWithStdin(
      ['run', '-', '--resume', '--plain'],
      dir,
      'echo one > one.txt\necho two > two.txt\n',
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('0 succeeded, 2 cached');
  });

  it("writes parallel's --joblog, and --timeout kills a task that runs too long (exit -1, signal 15)", async () => {
    const dir = scratchDir({ 'l.txt': 'sleep 5\necho fast\n' });
    const result = await runPipe(['run', 'l.txt', '--timeout', '1', '-k', '--joblog', 'jobs.log', '--plain'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('time limit exceeded');
    const lines = readFileSync(join(dir, 'jobs.log'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand');
    const rows = lines.slice(1).map((l) => l.split('\t'));
    expect(rows.find((r) => r[8] === 'sleep 5')).toEqual([
      '1',
      ':',
      expect.stringMatching(/^\d+\.\d{3}$/),
      expect.stringMatching(/^ +1\.\d{3}$/),
      '0',
      '0',
      '-1',
      '15',
      'sleep 5',
    ]);
    expect(rows.find((r) => r[8] === 'echo fast')?.slice(6)).toEqual(['0', '0', 'echo fast']);
  });

  it('prints the commands with --dry-run and runs none', async () => {
    const dir = scratchDir({ 'l.txt': 'a.gz\nb.gz\n' });
    const result = await runPipe(['run', 'l.txt', '--template', 'gzip -d {}', '--dry-run'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('gzip -d a.gz\ngzip -d b.gz\n');
    expect((await runPipe(['status'], dir)).stderr).toContain('no pipe runs recorded');
  });

  it('tags tasks from `# pipe: k=v` at the end of a line, for pipe tasks --tag', async () => {
    const dir = scratchDir({ 'l.txt': 'echo a  # pipe: sample=A1 lane=2\necho b  # pipe: sample=B2\n' });
    expect((await runPipe(['run', 'l.txt', '--plain'], dir)).code).toBe(0);
    const tasks = await runPipe(['tasks', '--tag', 'sample=A1'], dir);
    expect(tasks.stdout).toContain('echo a');
    expect(tasks.stdout).not.toContain('echo b');
  });
});

describe('pipe tasks', () => {
  it('lists YAML ids in natural order: t2 before t10', async () => {
    const yaml = ['t10', 't2', 't1'].map((id) => `- id: ${id}\n  command: "true"\n`).join('');
    const dir = scratchDir({ 'x.yaml': yaml });
    expect((await runPipe(['run', 'x.yaml', '--plain'], dir)).code).toBe(0);
    const ids = (await runPipe(['tasks'], dir)).stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/)[0]);
    expect(ids).toEqual(['t1', 't2', 't10']);
  });
});

describe('options that do not apply to the workflow format', () => {
  it.each([
    [
      ['run', 'c.txt', '--params-file', 'x.yaml'],
      'unknown option `--params-file` for a task list',
      '.nf pipelines only',
    ],
    [['run', 'c.txt', '--outdir', 'x'], '--outdir does not apply to a task list', 'CWL documents only'],
    [['run', 'c.yaml', '--template', 'echo {}'], '--template does not apply to a task list', 'text task lists only'],
    [['run', 'c.txt', '--templat', 'x'], 'unknown option `--templat` for a task list', 'did you mean `--template`?'],
  ])('%j is an error naming the option', async (args, message, hint) => {
    const dir = scratchDir({ 'c.txt': 'true\n', 'c.yaml': '- id: a\n  command: "true"\n' });
    const result = await runPipe(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(hint);
  });
});
