import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pipeBin, runPipe, scratchDir } from '../helpers/cli.js';
import { spawnSync } from 'node:child_process';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'cwl');

// A scratch dir holding the CWL fixtures.
function withFixtures(): string {
  const dir = scratchDir();
  cpSync(fixtures, dir, { recursive: true });
  return dir;
}

describe('pipe run on CWL', () => {
  it('prints the output object of a tool as JSON and copies its stdout file into --outdir', async () => {
    const dir = withFixtures();
    const result = await runPipe(['run', '--quiet', '--outdir', 'results', 'echo.cwl', '--message', 'hello'], dir);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      out: { class: string; basename: string; size: number; checksum: string; location: string };
    };
    expect(output.out).toMatchObject({ class: 'File', basename: 'said.txt', size: 6 });
    expect(output.out.checksum).toMatch(/^sha1\$[0-9a-f]{40}$/);
    expect(output.out.location).toBe(`file://${join(dir, 'results', 'said.txt')}`);
    expect(readFileSync(join(dir, 'results', 'said.txt'), 'utf8')).toBe('hello\n');
  });

  it("replaces the previous run's outputs in --outdir on a re-run, as cwltool does", async () => {
    const dir = withFixtures();
    for (const message of ['first', 'second']) {
      const result = await runPipe(['run', '--quiet', '--outdir', 'results', 'echo.cwl', '--message', message], dir);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ out: { basename: 'said.txt' } });
    }
    expect(readdirSync(join(dir, 'results'))).toEqual(['said.txt']);
    expect(readFileSync(join(dir, 'results', 'said.txt'), 'utf8')).toBe('second\n');
  });

  it('prints an integer beyond 2^53 in the output object in digits, not as 1e+42', async () => {
    const dir = scratchDir({
      'big.cwl': [
        'cwlVersion: v1.2',
        'class: ExpressionTool',
        'requirements: [{class: InlineJavascriptRequirement}]',
        'inputs: {n: double}',
        'outputs: {n: double, list: {type: {type: array, items: double}}}',
        "expression: '$({n: inputs.n, list: [inputs.n, -inputs.n]})'",
      ].join('\n'),
      'job.yml': 'n: 1000000000000000000000000000000000000000000\n',
    });
    const result = await runPipe(['run', '--quiet', 'big.cwl', 'job.yml'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('"n": 1000000000000000000000000000000000000000000');
    expect(result.stdout).toContain('-1000000000000000000000000000000000000000000');
    expect(result.stdout).not.toContain('e+42');
  });

  it('takes a boolean input as a bare flag', async () => {
    const dir = withFixtures();
    const result = await runPipe(['run', '--quiet', 'echo.cwl', '--message', 'hi', '--loud'], dir);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'said.txt'), 'utf8')).toBe('hi');
  });

  it('runs a scattered workflow with a job file, gathering outputs in input order', async () => {
    const dir = withFixtures();
    const result = await runPipe(['run', '--quiet', '--outdir', 'out', 'shout.cwl', 'shout-job.yml'], dir);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { said: { location: string }[]; count: number };
    expect(output.count).toBe(3);
    const texts = output.said.map((file) => readFileSync(fileURLToPath(file.location), 'utf8'));
    expect(texts).toEqual(['alpha\n', 'beta\n', 'gamma\n']);
  });

  it('reuses the finished steps of a CWL workflow with --resume', async () => {
    const dir = withFixtures();
    const first = await runPipe(['run', '--outdir', 'a', 'shout.cwl', 'shout-job.yml'], dir);
    expect(first.code).toBe(0);
    const second = await runPipe(['run', '--resume', '--outdir', 'b', 'shout.cwl', 'shout-job.yml'], dir);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/0 succeeded, 3 cached/);
    expect(JSON.parse(second.stdout)).toMatchObject({ count: 3 });
    expect(readdirSync(join(dir, 'b')).sort()).toEqual(['said.txt', 'said_2.txt', 'said_3.txt']);
  });

  it('answers to the cwl-runner name with the same arguments', () => {
    const dir = withFixtures();
    const runner = join(dirname(pipeBin), 'cwl-runner.cjs');
    const result = spawnSync(process.execPath, [runner, '--outdir=o', '--quiet', 'echo.cwl', '--message', 'x'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ out: { basename: 'said.txt' } });
  });

  it('keeps its store and work dirs where PIPE_STATE_DIR and PIPE_WORK_DIR say', async () => {
    const dir = withFixtures();
    const state = scratchDir();
    const result = await runPipe(['run', '--quiet', '--outdir', 'o', 'echo.cwl', '--message', 'x'], dir, {
      PIPE_STATE_DIR: join(state, 's'),
      PIPE_WORK_DIR: join(state, 'w'),
    });
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, '.pipe'))).toBe(false);
    expect(existsSync(join(dir, 'work'))).toBe(false);
    expect(existsSync(join(state, 's'))).toBe(true);
  });
});
