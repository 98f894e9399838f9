import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor } from '../helpers/cli.js';

describe('failures, retries and resume', () => {
  it('exits 1 on a failing command, and status names the task, its exit code and its stderr', async () => {
    const dir = scratchDir({ 'list.txt': 'true\necho broken-input >&2; exit 3\ntrue\n' });
    const result = await runPipe(['run', 'list.txt', '--quiet'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/task 2 failed \(attempt 1\): exit code 3/);
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/failed\s+1/);
    expect(status.stdout).toMatch(/task 2 \(attempt 1\): exit code 3/);
    expect(status.stdout).toContain('command: echo broken-input >&2; exit 3');
    expect(status.stdout).toContain('broken-input');
    const stderrPath = /stderr: (\S+\.err)/.exec(status.stdout)?.[1] as string;
    expect(readFileSync(stderrPath, 'utf8')).toContain('broken-input');
  });

  it('attempts a failing task 3 times with --retries 2 and records every attempt', async () => {
    const dir = scratchDir({ 'list.txt': 'echo try >> tries.txt; exit 1\n' });
    const result = await runPipe(['run', 'list.txt', '--quiet', '--retries', '2', '--retry-delay', '10'], dir);
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, 'tries.txt'), 'utf8')).toBe('try\ntry\ntry\n');
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/task 1 \(attempt 3\): exit code 1/);
  });

  it('stops at the first failure by default, but runs everything else with --keep-going', async () => {
    const lines = ['exit 1', ...Array.from({ length: 20 }, (_, i) => `sleep 0.05; touch done-${i}`)];
    const stopDir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    const stopped = await runPipe(['run', 'list.txt', '-j', '1', '--quiet'], stopDir);
    expect(stopped.code).toBe(1);
    expect(existsSync(join(stopDir, 'done-0'))).toBe(false); // submitted ahead, then withdrawn or stopped at once
    expect(existsSync(join(stopDir, 'done-19'))).toBe(false);
    const goDir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    const kept = await runPipe(['run', 'list.txt', '-j', '1', '--quiet', '--keep-going'], goDir);
    expect(kept.code).toBe(1);
    expect(existsSync(join(goDir, 'done-19'))).toBe(true);
  });

  it('on SIGINT terminates running tasks, records them cancelled, and --resume runs only what is left', async () => {
    const lines = Array.from({ length: 6 }, (_, i) => (i < 2 ? `touch quick-${i}` : `sleep 30; touch slow-${i}`));
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    const { child, done } = startPipe(['run', 'list.txt', '-j', '2', '--log-format', 'json'], dir);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await waitFor(() => (stderr.match(/"to":"running"/g) ?? []).length >= 4);
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/cancelled\s+2/);
    expect(status.stdout).toMatch(/succeeded\s+2/);
    writeFileSync(join(dir, 'list.txt'), `${lines.map((l) => l.replace('sleep 30; ', '')).join('\n')}\n`);
    const resumed = await runPipe(['run', 'list.txt', '--resume', '--quiet'], dir);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/4 succeeded, 2 cached/);
  });

  it('on a second SIGINT kills tasks that ignore SIGTERM, at once', async () => {
    // A grace period of ten minutes: only the second SIGINT can end the task within the test.
    const dir = scratchDir({
      'list.txt': "trap '' TERM; sleep 30\n",
      'pipe.yaml': 'backends:\n  local:\n    killGraceMs: 600000\n',
    });
    const { child, done } = startPipe(['run', 'list.txt', '--log-format', 'json'], dir);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await waitFor(() => stderr.includes('"to":"running"'));
    await new Promise((r) => setTimeout(r, 200)); // the task has set its trap
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 500));
    expect(child.exitCode).toBeNull(); // still waiting: the task ignored SIGTERM
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/cancelled\s+1/);
  });

  it('`pipe why` after a run that reused everything blames the command, shown where it changed, not the inputs', async () => {
    const long = `${'x'.repeat(150)}`;
    const yaml = (tail: string): string =>
      `tasks:\n  - id: t1\n    command: cat a.txt > /dev/null; echo ${long} ${tail}\n    inputs: [a.txt]\n`;
    const dir = scratchDir({ 'tasks.yaml': yaml('one'), 'a.txt': 'data\n' });
    expect((await runPipe(['run', 'tasks.yaml', '--quiet'], dir)).code).toBe(0);
    expect((await runPipe(['run', 'tasks.yaml', '--resume', '--quiet'], dir)).stderr).toMatch(/0 succeeded, 1 cached/);
    writeFileSync(join(dir, 'tasks.yaml'), yaml('two'));
    expect((await runPipe(['run', 'tasks.yaml', '--resume', '--quiet'], dir)).stderr).toMatch(/1 succeeded, 0 cached/);
    const why = await runPipe(['why', 't1'], dir);
    expect(why.stdout).toContain('because its command changed');
    expect(why.stdout).not.toContain('input files changed');
    expect(why.stdout).toMatch(/before \(run \S+\): …x+ \[one\]/);
    expect(why.stdout).toMatch(/now: …x+ \[two\]/);
  });

  it('after one line changes, reruns only that task and `pipe why` says which part changed', async () => {
    const lines = Array.from({ length: 5 }, (_, i) => `echo ${i} >> log-${i}.txt`);
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    expect((await runPipe(['run', 'list.txt', '--quiet'], dir)).code).toBe(0);
    lines[2] = 'echo changed >> log-2.txt';
    writeFileSync(join(dir, 'list.txt'), `${lines.join('\n')}\n`);
    const resumed = await runPipe(['run', 'list.txt', '--resume', '--quiet'], dir);
    expect(resumed.stderr).toMatch(/1 succeeded, 4 cached/);
    expect(readFileSync(join(dir, 'log-0.txt'), 'utf8')).toBe('0\n');
    expect(readFileSync(join(dir, 'log-2.txt'), 'utf8')).toBe('2\nchanged\n');
    const why3 = await runPipe(['why', '3'], dir);
    expect(why3.stdout).toMatch(/task 3 in run \S+: run again/);
    expect(why3.stdout).toContain('because its command changed');
    expect(why3.stdout).toContain('echo [2] >> log-2.txt');
    expect(why3.stdout).toContain('now: echo [changed] >> log-2.txt');
    const why1 = await runPipe(['why', '1'], dir);
    expect(why1.stdout).toMatch(/task 1 in run \S+: reused/);
  });

  it('refuses a second pipe run in the same directory while one runs', async () => {
    const dir = scratchDir({ 'list.txt': 'sleep 5\n', 'other.txt': 'true\n' });
    const first = startPipe(['run', 'list.txt', '--log-format', 'json'], dir);
    let stderr = '';
    first.child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await waitFor(() => stderr.includes('"to":"running"'));
    const second = await runPipe(['run', 'other.txt'], dir);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^pipe: error: another pipe run \(\S+, pid \d+ on \S+\) is active in /);
    first.child.kill('SIGINT');
    await first.done;
  });
});

describe('limits and interrupted runs', () => {
  it('stops a YAML task at its time limit and status names the cause', async () => {
    const dir = scratchDir({ 'tasks.yaml': 'tasks:\n  - id: slow\n    command: sleep 30\n    time: 1s\n' });
    const result = await runPipe(['run', 'tasks.yaml', '--quiet'], dir);
    expect(result.code).toBe(1);
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/task slow \(attempt 1\): .*time limit exceeded/);
    expect(status.stdout).toMatch(/work dir: \S+work\/[0-9a-f]{2}\/[0-9a-f]{30}/);
  });

  it('shows a run whose pipe was SIGKILLed as interrupted', async () => {
    const dir = scratchDir({ 'list.txt': 'sleep 0.2\n'.repeat(50) });
    const { child, done } = startPipe(['run', 'list.txt', '-j', '1', '--log-format', 'json'], dir);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await waitFor(() => stderr.includes('"to":"succeeded"'));
    child.kill('SIGKILL');
    await done;
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/: interrupted \(pipe was killed; continue with --resume\)/);
  });
});
