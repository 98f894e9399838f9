import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

describe('status, tasks, check and --resume RUN', () => {
  it('lists runs with `pipe status --runs` and resumes a named run with --resume RUN', async () => {
    const dir = scratchDir({ 'a.txt': 'echo a >> a.log\n', 'b.txt': 'echo b >> b.log\n' });
    await runPipe(['run', 'a.txt', '--quiet'], dir);
    const first = /run (\S+): succeeded/.exec((await runPipe(['status'], dir)).stdout)?.[1] as string;
    await runPipe(['run', 'b.txt', '--quiet'], dir);
    const runs = await runPipe(['status', '--runs'], dir);
    expect(runs.stdout.split('\n')[0]).toMatch(/^RUN\s+STATUS\s+STARTED\s+RESUMED FROM\s+WORKFLOW/);
    expect(runs.stdout).toContain(first);
    expect(runs.stdout).toContain(join(dir, 'b.txt'));
    const resumed = await runPipe(['run', 'a.txt', '--resume', first, '--quiet'], dir);
    expect(resumed.stderr).toMatch(/0 succeeded, 1 cached/);
    const missing = await runPipe(['run', 'a.txt', '--resume', 'no-such-run'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^pipe: error: no run "no-such-run"/);
  });

  it('reads `pipe run --resume FILE` as resuming FILE, not as a run named FILE', async () => {
    const dir = scratchDir({ 'a.txt': 'echo a >> a.log\n' });
    expect((await runPipe(['run', 'a.txt', '--quiet'], dir)).code).toBe(0);
    const resumed = await runPipe(['run', '--resume', 'a.txt', '--quiet'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/0 succeeded, 1 cached/);
    const missing = await runPipe(['run', '--resume', 'b.txt'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read `' + join(dir, 'b.txt') + '`');
  });

  it('names a run for status, tasks --run and why --run as pipe log does: last, a .nf -name, an id prefix', async () => {
    const dir = scratchDir({
      'main.nf': 'process SAY {\n  output:\n  stdout\n  script:\n  "echo hi"\n}\nworkflow {\n  SAY()\n}\n',
      'list.txt': 'echo one\n',
    });
    expect((await runPipe(['run', 'main.nf', '-name', 'first-try', '-q'], dir)).code).toBe(0);
    const first = /run (\S+): succeeded/.exec((await runPipe(['status'], dir)).stdout)?.[1] as string;
    expect((await runPipe(['run', 'list.txt', '-q'], dir)).code).toBe(0);
    for (const word of ['first-try', first.slice(0, -1)]) {
      const status = await runPipe(['status', word], dir);
      expect(status.stdout, status.stderr).toContain(`run ${first}: succeeded`);
      expect((await runPipe(['tasks', '--run', word], dir)).stdout).toMatch(/^SAY\s+succeeded/m);
      expect((await runPipe(['why', 'SAY', '--run', word], dir)).stdout).toContain(`task SAY in run ${first}`);
    }
    expect((await runPipe(['status', 'last'], dir)).stdout).toContain('list.txt');
    expect((await runPipe(['tasks', '--run', 'last'], dir)).stdout).toMatch(/^1\s+succeeded/m);
    const near = await runPipe(['status', 'first-tri'], dir);
    expect(near.code).toBe(2);
    expect(near.stderr).toContain('no run "first-tri" in this directory');
    expect(near.stderr).toContain('did you mean "first-try"?');
  });

  it('filters `pipe tasks` by state and shows each task once, at its latest attempt', async () => {
    const dir = scratchDir({ 'list.txt': 'true\nexit 4\ntrue\n' });
    await runPipe(['run', 'list.txt', '--quiet', '--keep-going', '--retries', '1', '--retry-delay', '1'], dir);
    const failed = await runPipe(['tasks', '--state', 'failed'], dir);
    const rows = failed.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^2\s+failed\s+2\s+4\s/);
    const bad = await runPipe(['tasks', '--state', 'done'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown state "done"');
    const near = await runPipe(['tasks', '--state', 'faild'], dir);
    expect(near.stderr).toContain('hint: did you mean `failed`?');
    const field = await runPipe(['tasks', '--fields', 'task,stat'], dir);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('unknown field "stat" in --fields');
    expect(field.stderr).toContain('hint: did you mean `state`?');
  });

  it('checks a JSON task list without running it', async () => {
    const tasks = [
      { id: 'a', command: 'touch ran' },
      { id: 'b', command: 'true', after: ['a'] },
    ];
    const dir = scratchDir();
    writeFileSync(join(dir, 'tasks.json'), JSON.stringify({ tasks }, null, 2));
    const result = await runPipe(['check', 'tasks.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/tasks\.json: tasklist, 2 steps, 1 dependencies, 2 tasks/);
    const run = await runPipe(['tasks'], dir);
    expect(run.code).toBe(2); // nothing ran, so there is no store
  });

  it('says when a status is asked for where nothing ran', async () => {
    const result = await runPipe(['status'], scratchDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pipe: error: no pipe runs recorded in /);
  });
});
