// A run records each block of 1,024 tasks that all succeeded; a resume reuses a block whose tasks are the same as a
// whole, and takes any other task one by one. What the store shows afterwards is the same either way.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const N = 2500; // blocks of 1,024, 1,024 and 452 tasks

// Runs SQL on the store of `dir`; the first column of each row.
function query<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dir, '.pipe', 'pipe.db'));
  try {
    const statement = db.prepare(sql);
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params).map((row) => Object.values(row as object)[0] as T);
  } finally {
    db.close();
  }
}

const runIds = (dir: string): string[] => query<string>(dir, 'SELECT id FROM runs ORDER BY started_at, rowid');
const latest = (dir: string): string => runIds(dir).at(-1) as string;
const blocks = (dir: string, runId: string): string[] =>
  query<string>(dir, "SELECT first_idx || ':' || count FROM task_blocks WHERE run_id = ? ORDER BY first_idx", runId);
const reused = (dir: string, runId: string): number =>
  query<number>(dir, 'SELECT ifnull(SUM(last_row - first_row + 1), 0) FROM task_reuse WHERE run_id = ?', runId)[0]!;
const rows = (dir: string, runId: string, state: string): number =>
  query<number>(dir, 'SELECT COUNT(*) FROM tasks WHERE run_id = ? AND state = ?', runId, state)[0]!;

const lines = (change: (i: number) => string | undefined = () => undefined): string =>
  `${Array.from({ length: N }, (_, i) => change(i) ?? `echo line ${i}`).join('\n')}\n`;

async function run(dir: string, ...args: string[]): Promise<number | null> {
  return (await runPipe(['run', 'list.txt', '-j', '2', '--quiet', ...args], dir)).code;
}

describe('blocks of finished tasks', () => {
  it('are recorded by a run and reused whole by its resume, which records them again', async () => {
    const dir = scratchDir({ 'list.txt': lines() });
    expect(await run(dir)).toBe(0);
    const first = latest(dir);
    expect(blocks(dir, first)).toEqual(['0:1024', '1024:1024', '2048:452']);

    // A block is reused as recorded, without its keys being read: a key changed in the store goes unnoticed.
    query(dir, "UPDATE tasks SET key = 'x' WHERE run_id = ? AND idx = 5", first);
    expect(await run(dir, '--resume')).toBe(0);
    const second = latest(dir);
    expect(rows(dir, second, 'succeeded')).toBe(0);
    expect(reused(dir, second)).toBe(N);
    expect(blocks(dir, second)).toEqual(blocks(dir, first));

    const status = (await runPipe(['status'], dir)).stdout;
    expect(status).toMatch(/^\s+cached\s+2,500$/m);
    const why = (await runPipe(['why', '2000'], dir)).stdout;
    expect(why).toContain(`task 2000 in run ${second}: reused`);
    expect(why).toContain(`as in run ${first}`);
  });

  it('leaves a block that changed to the tasks one by one, and reuses the others whole', async () => {
    const dir = scratchDir({ 'list.txt': lines() });
    expect(await run(dir)).toBe(0);
    const first = latest(dir);
    // Changed lines in the second block: those two run, the rest of the block is reused one by one.
    writeFileSync(
      join(dir, 'list.txt'),
      lines((i) => (i === 1500 || i === 1501 ? `echo changed ${i}` : undefined)),
    );
    expect(await run(dir, '--resume')).toBe(0);
    const second = latest(dir);
    expect(rows(dir, second, 'succeeded')).toBe(2);
    expect(reused(dir, second)).toBe(N - 2);
    // The run's own blocks: the two reused whole, and the changed one recorded anew from its rows and ranges.
    expect(blocks(dir, second)).toEqual(['0:1024', '1024:1024', '2048:452']);
    const digests = (runId: string): string[] =>
      query<string>(dir, 'SELECT digest FROM task_blocks WHERE run_id = ? ORDER BY first_idx', runId);
    expect(digests(second)[0]).toBe(digests(first)[0]);
    expect(digests(second)[1]).not.toBe(digests(first)[1]);

    // The next resume reuses all three whole.
    expect(await run(dir, '--resume')).toBe(0);
    const third = latest(dir);
    expect(rows(dir, third, 'succeeded') + rows(dir, third, 'cached')).toBe(0);
    expect(reused(dir, third)).toBe(N);
  });

  it('records no block with a failed task; its resume runs that task alone', async () => {
    const once = 'test -e again || { touch again; false; }'; // fails the first time only
    const dir = scratchDir({ 'list.txt': lines((i) => (i === 100 ? once : undefined)) });
    expect(await run(dir, '-k')).not.toBe(0);
    const first = latest(dir);
    expect(blocks(dir, first)).toEqual(['1024:1024', '2048:452']);
    expect(await run(dir, '--resume')).toBe(0);
    const second = latest(dir);
    expect(rows(dir, second, 'succeeded')).toBe(1);
    expect(reused(dir, second)).toBe(N - 1);
    expect(blocks(dir, second)).toEqual(['0:1024', '1024:1024', '2048:452']);
  });

  it('are dropped with the rows they name when the run they reused is cleaned; the resume still reuses all', async () => {
    const dir = scratchDir({ 'list.txt': lines() });
    expect(await run(dir)).toBe(0);
    expect(await run(dir, '--resume')).toBe(0);
    const [first, second] = runIds(dir) as [string, string];
    expect((await runPipe(['clean', '-f', first], dir)).code).toBe(0);
    expect(blocks(dir, second)).toEqual([]);
    expect(rows(dir, second, 'cached')).toBe(N);
    expect(await run(dir, '--resume')).toBe(0);
    const third = latest(dir);
    expect(rows(dir, third, 'succeeded')).toBe(0);
    expect(reused(dir, third)).toBe(N);
    expect(blocks(dir, third)).toEqual(['0:1024', '1024:1024', '2048:452']);
  });
});
