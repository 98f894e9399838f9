// A resume records the tasks it reuses unchanged as row id ranges of the run that holds them, not as a row each:
// every command reads them as before, a changed task still gets a row, and forgetting the source run keeps them.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor } from '../helpers/cli.js';

// Reads the store of `dir` with better-sqlite3.
function query<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dir, '.pipe', 'pipe.db'), { readonly: true });
  try {
    return db
      .prepare(sql)
      .all(...params)
      .map((row) => Object.values(row as object)[0] as T);
  } finally {
    db.close();
  }
}

// How the store holds a run's tasks: rows of its own, and tasks in row id ranges.
function stored(dir: string, runId: string): { rows: number; ranged: number } {
  const rows = query<number>(dir, 'SELECT COUNT(*) FROM tasks WHERE run_id = ?', runId)[0] as number;
  const ranged = query<number>(
    dir,
    'SELECT ifnull(SUM(last_row - first_row + 1), 0) FROM task_reuse WHERE run_id = ?',
    runId,
  )[0] as number;
  return { rows, ranged };
}

// Run ids, oldest first.
const runIds = (dir: string): string[] => query<string>(dir, 'SELECT id FROM runs ORDER BY started_at, rowid');

// `pipe tasks ARGS` as rows of cells.
async function tasks(dir: string, ...args: string[]): Promise<string[][]> {
  const result = await runPipe(['tasks', ...args], dir);
  expect(result.stderr).toBe('');
  return result.stdout
    .trim()
    .split('\n')
    .slice(1)
    .filter((line) => line !== '')
    .map((line) => line.trim().split(/\s{2,}/));
}

const LIST = ['echo one', 'echo two  # pipe: sample=A1', 'echo three'];

// A finished run of LIST, then a resume of it; the directory and the two run ids.
async function resumed(): Promise<{ dir: string; first: string; second: string }> {
  const dir = scratchDir({ 'list.txt': `${LIST.join('\n')}\n` });
  expect((await runPipe(['run', 'list.txt', '--quiet'], dir)).code).toBe(0);
  expect((await runPipe(['run', 'list.txt', '--quiet', '--resume'], dir)).code).toBe(0);
  const [first, second] = runIds(dir) as [string, string];
  return { dir, first, second };
}

describe('a resume that reuses tasks unchanged', () => {
  it('reads in status, tasks, why and log as a row per reused task did', async () => {
    const { dir, first, second } = await resumed();
    expect(stored(dir, second)).toEqual({ rows: 0, ranged: 3 });
    const keys = (await tasks(dir, '--run', first, '--fields', 'task,key')).map(([, key]) => key as string);
    expect(keys).toHaveLength(3);

    const status = (await runPipe(['status'], dir)).stdout;
    expect(status).toContain(`run ${second}: succeeded`);
    expect(status).toMatch(/^\s+cached\s+3$/m);
    expect(status).toMatch(/^\s+total\s+3$/m);
    expect(status).not.toMatch(/^\s+succeeded/m);

    expect(await tasks(dir, '--fields', 'task,state,attempt,exit,duration,key,command,workdir')).toEqual([
      ['1', 'cached', '1', '-', '-', keys[0], 'echo one', '-'],
      ['2', 'cached', '1', '-', '-', keys[1], 'echo two', '-'],
      ['3', 'cached', '1', '-', '-', keys[2], 'echo three', '-'],
    ]);
    expect((await tasks(dir, '--state', 'cached', '--fields', 'task')).flat()).toEqual(['1', '2', '3']);
    expect(await tasks(dir, '--state', 'succeeded')).toEqual([]);
    expect((await tasks(dir, '--tag', 'sample=A1', '--fields', 'task,command')).flat()).toEqual(['2', 'echo two']);
    expect(await tasks(dir, '--tag', 'sample=B2')).toEqual([]);

    const fullKey = query<string>(dir, "SELECT key FROM tasks WHERE run_id = ? AND task_id = '2'", first)[0] as string;
    expect((await runPipe(['why', '2'], dir)).stdout).toBe(
      `task 2 in run ${second}: reused\n  same cache key ${fullKey.slice(0, 12)} as in run ${first}\n`,
    );
    const missing = await runPipe(['why', '4'], dir);
    expect(missing.stderr).toContain(`no task "4" in run ${second}`);

    const log = await runPipe(['log', second, '-f', 'task_id,name,status,exit,attempt'], dir);
    expect(
      log.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t').map((cell) => cell.trim())),
    ).toEqual([
      ['1', expect.stringContaining('1'), 'CACHED', '-', '1'],
      ['2', expect.stringContaining('2'), 'CACHED', '-', '1'],
      ['3', expect.stringContaining('3'), 'CACHED', '-', '1'],
    ]);
  }, 60_000);

  it('resumes a resumed run the same way, from the rows the first run wrote', async () => {
    const { dir, first } = await resumed();
    expect((await runPipe(['run', 'list.txt', '--quiet', '--resume'], dir)).code).toBe(0);
    const third = runIds(dir)[2] as string;
    expect(stored(dir, third)).toEqual({ rows: 0, ranged: 3 });
    expect((await tasks(dir, '--fields', 'task,state')).flat()).toEqual(['1', 'cached', '2', 'cached', '3', 'cached']);
    expect((await runPipe(['why', '3'], dir)).stdout).toContain(`same cache key`);
    expect((await runPipe(['why', '3'], dir)).stdout).toContain(`as in run ${first}`);
  }, 60_000);

  it('keeps a row for a task whose index or tags changed, and ranges for the others', async () => {
    const { dir, second } = await resumed();
    // A line appended: the three reused tasks are unchanged, the new one runs.
    writeFileSync(join(dir, 'list.txt'), `${[...LIST, 'echo four'].join('\n')}\n`);
    expect((await runPipe(['run', 'list.txt', '--quiet', '--resume'], dir)).code).toBe(0);
    const third = runIds(dir)[2] as string;
    expect(stored(dir, third)).toEqual({ rows: 1, ranged: 3 });
    expect((await tasks(dir, '--fields', 'task,state,command')).map((row) => row.join(' '))).toEqual([
      '1 cached echo one',
      '2 cached echo two',
      '3 cached echo three',
      '4 succeeded echo four',
    ]);
    // A line inserted above shifts every task's id and index, and a changed tag: the same keys, but rows.
    writeFileSync(
      join(dir, 'list.txt'),
      `${['echo zero', 'echo one', 'echo two  # pipe: sample=B2', 'echo three', 'echo four'].join('\n')}\n`,
    );
    expect((await runPipe(['run', 'list.txt', '--quiet', '--resume'], dir)).code).toBe(0);
    const fourth = runIds(dir)[3] as string;
    expect(stored(dir, fourth)).toEqual({ rows: 5, ranged: 0 });
    expect((await tasks(dir, '--fields', 'task,state,command')).map((row) => row.join(' '))).toEqual([
      '1 succeeded echo zero',
      '2 cached echo one',
      '3 cached echo two',
      '4 cached echo three',
      '5 cached echo four',
    ]);
    expect((await tasks(dir, '--tag', 'sample=B2', '--fields', 'task')).flat()).toEqual(['3']);
    expect(second).not.toBe(fourth);
  }, 60_000);

  it('keeps the records of a later run when the run it reused from is cleaned, and resumes from them', async () => {
    const { dir, first, second } = await resumed();
    const before = await tasks(dir, '--fields', 'task,state,attempt,key,command');
    const whyBefore = (await runPipe(['why', '1'], dir)).stdout;
    const clean = await runPipe(['clean', '-f', first], dir);
    expect(clean.code).toBe(0);
    expect(runIds(dir)).toEqual([second]);
    expect(stored(dir, second)).toEqual({ rows: 3, ranged: 0 });
    expect(await tasks(dir, '--fields', 'task,state,attempt,key,command')).toEqual(before);
    expect((await runPipe(['why', '1'], dir)).stdout).toBe(whyBefore);
    expect((await runPipe(['run', 'list.txt', '--quiet', '--resume'], dir)).code).toBe(0);
    const third = runIds(dir)[1] as string;
    expect(stored(dir, third)).toEqual({ rows: 0, ranged: 3 });
    expect((await tasks(dir, '--fields', 'task,state')).flat()).toEqual(['1', 'cached', '2', 'cached', '3', 'cached']);
  }, 60_000);
});

describe('a resume killed while it records reused tasks', () => {
  it('loses and redoes nothing: the next resume reuses every task', async () => {
    const n = 4_000;
    const lines = Array.from({ length: n }, (_, i) => `echo run >> out/${i + 1}`);
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    mkdirSync(join(dir, 'out'));
    expect((await runPipe(['run', 'list.txt', '-j', '2', '--quiet'], dir)).code).toBe(0);
    const { child, done } = startPipe(
      ['run', 'list.txt', '--resume', '-j', '2', '--quiet', '--log-format', 'json'],
      dir,
    );
    const target = 100 + Math.floor(Math.random() * 2_500);
    let reused = 0;
    let partial = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) if (line.includes('"to":"cached"')) reused += 1;
    });
    await waitFor(() => reused >= target || child.exitCode !== null, 60_000);
    child.kill('SIGKILL');
    await done;
    const final = await runPipe(['run', 'list.txt', '--resume', '-j', '2', '--quiet'], dir);
    expect(final.code).toBe(0);
    const last = runIds(dir).at(-1) as string;
    expect(stored(dir, last)).toEqual({ rows: 0, ranged: n });
    expect(readdirSync(join(dir, 'out'))).toHaveLength(n);
    for (let i = 1; i <= n; i++) {
      const file = join(dir, 'out', String(i));
      expect(existsSync(file) ? readFileSync(file, 'utf8') : '', `task ${i}`).toBe('run\n');
    }
    const status = (await runPipe(['status'], dir)).stdout;
    expect(status).toMatch(/^\s+cached\s+4,000$/m);
  }, 180_000);
});
