// cwltool's options on `pipe run` for CWL documents, and check/dag of a workflow with required inputs, through the
// built CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipeBin, runPipe, scratchDir } from '../helpers/cli.js';

const cwl = resolve(import.meta.dirname, '..', '..', 'fixtures', 'cwl');
const shout = join(cwl, 'shout.cwl');
const echo = join(cwl, 'echo.cwl');

describe("cwltool's options", () => {
  it('checks and draws a workflow with a required input and no job', async () => {
    const dir = scratchDir({ 'bad.yml': 'words: 3\n' });
    const check = await runPipe(['check', shout], dir);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('cwl, 2 steps, 1 dependencies');
    const dag = await runPipe(['dag', shout], dir);
    expect(dag.stdout).toContain('"say" -> "tally"');
    const withJob = await runPipe(['check', shout, 'bad.yml'], dir);
    expect(withJob.code).toBe(2);
    expect(withJob.stderr).toContain('input `words` expects string[], got 3');
  });

  it('validates a workflow with a required input and no job as `cwl-runner --validate`', () => {
    const runner = join(dirname(pipeBin), 'cwl-runner.cjs');
    const result = spawnSync(process.execPath, [runner, '--validate', shout], { cwd: scratchDir(), encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${shout} is valid CWL.\n`);
  });

  it('--validate prints that the document is valid and runs nothing', async () => {
    const dir = scratchDir();
    const result = await runPipe(['run', shout, '--validate'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${shout} is valid CWL.\n`);
    expect(existsSync(join(dir, '.pipe'))).toBe(false);
  });

  it('--print-dot prints the step graph and --make-template a job with every input', async () => {
    const dir = scratchDir();
    expect((await runPipe(['run', shout, '--print-dot'], dir)).stdout).toContain('digraph "shout.cwl"');
    const template = await runPipe(['run', echo, '--make-template'], dir);
    expect(template.stdout).toBe(
      'message: a_string  # type "string"\nloud: false  # type "null | boolean" (optional)\n',
    );
  });

  it('prints the inputs of a tool with `pipe run tool.cwl --help`', async () => {
    const result = await runPipe(['run', echo, '--help'], scratchDir());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--message MESSAGE');
    expect(result.stdout).toContain('type: string');
  });

  it('puts output dirs under --tmp-outdir-prefix and tmp dirs under --tmpdir-prefix; --parallel and --no-container are accepted', async () => {
    const dir = scratchDir();
    const result = await runPipe(
      [
        'run',
        echo,
        '--message',
        'hi',
        '--tmp-outdir-prefix',
        'outs/',
        '--tmpdir-prefix',
        'tmps/',
        '--parallel',
        '--no-container',
      ],
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'outs')).length).toBe(1);
    expect(readdirSync(join(dir, 'tmps')).length).toBe(1);
    expect(existsSync(join(dir, 'work'))).toBe(false);
  });

  it('--cachedir keeps work dirs there and reuses them on the next run', async () => {
    const dir = scratchDir();
    const args = ['run', echo, '--message', 'hi', '--cachedir', 'cache'];
    expect((await runPipe(args, dir)).code).toBe(0);
    const again = await runPipe(args, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('1 cached');
  });

  it('rejects cwltool options on a task list', async () => {
    const result = await runPipe(['run', 'l.txt', '--validate'], scratchDir({ 'l.txt': 'true\n' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--validate does not apply to a task list');
  });
});
