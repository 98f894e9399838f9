// (c) A resume of N finished `true` tasks beside floors measured on copies of the same store: a finished run is
// written straight into the store (N `succeeded` rows with the keys, and the blocks, a real run records; seconds
// instead of running N tasks), then `pipe run --resume` is timed with the store copied back before each round, once
// more on a store without blocks (as an older pipe left it: every task taken one by one), and better-sqlite3 alone
// writes the N reused rows the store's way, writes them as ranges, reads the completed keys two ways, and reads a
// run's tasks as rows and as ranges.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { taskKey } from '../engine/cache-key.js';
import { openDatabase } from '../engine/store/open-database.js';
import { TASK_COLUMNS } from '../engine/store/rows.js';
import type { TaskRecord } from '../engine/store/store.js';
import { createTaskWriter } from '../engine/store/task-writer.js';
import { createBlockRows } from '../engine/store/block-rows.js';
import { BLOCK_TASKS, blockDigest, blockEntry, coalesce } from '../engine/task-blocks.js';
import type { ReuseSource } from '../engine/key-table.js';
import type { TaskSpec } from '../engine/task.js';
import { TaskState } from '../engine/task.js';
import { loadAverage, measure } from './measure.js';

const BATCH = 1000; // the group commit's batch
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

// CPU milliseconds (user + system) of this process so far.
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// Replaces the tasks of the store's only run by `n` succeeded `true` tasks, keyed as the engine keys them, and
// records the run's blocks as the engine does (engine/block-recorder.ts).
function writeFinishedRun(db: Database, n: number): string {
  const runId = db.prepare('SELECT id FROM runs').pluck().get() as string;
  const parts = JSON.parse(db.prepare('SELECT parts FROM steps').pluck().get() as string) as { digest: string };
  const template = db.prepare("SELECT * FROM tasks WHERE task_id = '1'").get() as Record<string, unknown>;
  if (taskKey(parts.digest, { command: 'true', occurrence: 0 }) !== template.key) {
    throw new Error('the seed run keys its tasks differently from taskKey(): the synthesised run would not be reused');
  }
  const columns = Object.keys(template);
  const insert = db.prepare(`INSERT INTO tasks (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const at = template.submitted_at as number;
  const rows: ReuseSource[] = [];
  db.transaction(() => {
    db.prepare('DELETE FROM tasks').run();
    db.prepare('UPDATE steps SET total = ?').run(n);
    for (let i = 0; i < n; i++) {
      const row: Record<string, unknown> = {
        ...template,
        task_id: String(i + 1),
        idx: i,
        occurrence: i,
        key: taskKey(parts.digest, { command: 'true', occurrence: i }),
        native_id: String(10_000 + i),
        submitted_at: at + i,
        started_at: at + i + 0.2,
        ended_at: at + i + 0.9,
      };
      rows.push({ run: runId, row: Number(insert.run(columns.map((c) => row[c])).lastInsertRowid) });
    }
  })();
  const blocks = [];
  for (let first = 0; first < n; first += BLOCK_TASKS) {
    const entries: string[] = [];
    for (let i = first; i < Math.min(n, first + BLOCK_TASKS); i++) {
      const task = { id: String(i + 1), stepId: template.step_id, index: i, occurrence: i, command: 'true' };
      entries.push(blockEntry(task as TaskSpec) as string);
    }
    const ranges = coalesce(rows.slice(first, first + entries.length));
    const stepId = template.step_id as string;
    blocks.push({ stepId, firstIdx: first, count: entries.length, digest: blockDigest(parts.digest, entries), ranges });
  }
  createBlockRows(db).record(runId, blocks);
  return runId;
}

// The reused records a resume of `source` writes, read before any clock starts.
function reusedRecords(db: Database, source: string): TaskRecord[] {
  const rows = db
    .prepare('SELECT task_id, step_id, idx, key, command, occurrence FROM tasks WHERE run_id = ? ORDER BY idx')
    .raw()
    .all(source) as [string, string, number, string, string, number][];
  return rows.map(([taskId, stepId, idx, key, command, occurrence]) => ({
    runId: 'resumed',
    taskId,
    stepId,
    idx,
    attempt: 1,
    state: TaskState.Cached,
    key,
    command,
    reason: 'reused',
    occurrence,
    cachedFrom: source,
  }));
}

// CPU and wall milliseconds of `fn` on a fresh copy of the master store.
function onCopy(master: string, scratch: string, fn: (db: Database, source: string) => () => void): string {
  rmSync(scratch, { recursive: true, force: true });
  cpSync(master, scratch, { recursive: true });
  const { db } = openDatabase(scratch);
  try {
    const source = db.prepare('SELECT id FROM runs').pluck().get() as string;
    const timed = fn(db, source);
    const cpu = cpuMs();
    const wall = performance.now();
    timed();
    return `CPU ${seconds(cpuMs() - cpu)}, wall ${seconds(performance.now() - wall)}`;
  } finally {
    db.close();
  }
}

// The reads of `pipe status`, `pipe tasks` and `pipe why` on a run that reused every task of the source run, its
// reuse recorded as real rows (`rows`) and as rowid ranges read through a UNION ALL view (`ranges`).
function readsThroughRanges(db: Database, n: number): string[] {
  const source = db.prepare('SELECT id FROM runs').pluck().get() as string;
  const columns = TASK_COLUMNS.join(', ');
  const reused = `s.task_id, 1, s.step_id, s.idx, 'cached', s.key, s.command, NULL, NULL, s.work_dir, NULL, NULL, 'reused',
    NULL, NULL, NULL, NULL, s.tags, s.inputs_digest, s.occurrence`;
  db.exec(`CREATE TABLE reuse_ranges (run_id TEXT, source_run TEXT, first_row INTEGER, last_row INTEGER);
    CREATE VIEW task_rows AS SELECT ${columns} FROM tasks UNION ALL
      SELECT r.run_id, ${reused}, COALESCE(s.cached_from, r.source_run)
      FROM reuse_ranges r JOIN tasks s ON s.rowid BETWEEN r.first_row AND r.last_row;
    INSERT INTO reuse_ranges SELECT 'ranges', '${source}', MIN(rowid), MAX(rowid) FROM tasks WHERE run_id = '${source}';
    INSERT INTO tasks (${columns}) SELECT 'rows', ${reused}, '${source}' FROM tasks s WHERE run_id = '${source}';`);
  const reads: [string, string, unknown[]][] = [
    ['counts by state', 'SELECT state, COUNT(*) FROM FROM_ WHERE run_id = ? GROUP BY state', []],
    ['cached keys', "SELECT key, cached_from FROM FROM_ WHERE run_id = ? AND state = 'cached'", []],
    ['every task by index', `SELECT ${columns} FROM FROM_ WHERE run_id = ? ORDER BY idx, task_id, attempt`, []],
    ['one task by id', `SELECT ${columns} FROM FROM_ WHERE run_id = ? AND task_id = ?`, [String(Math.ceil(n / 2))]],
    [
      'the first 20 by index',
      `SELECT ${columns} FROM FROM_ WHERE run_id = ? ORDER BY idx, task_id, attempt LIMIT 20`,
      [],
    ],
  ];
  return reads.map(([what, sql, params]) => {
    const figures = (['rows', 'ranges'] as const).map((run) => {
      const statement = db.prepare(sql.replace('FROM_', run === 'rows' ? 'tasks' : 'task_rows')).raw();
      const cpu = cpuMs();
      let count = 0;
      for (const _ of statement.iterate(run, ...params)) count++;
      return `${run} CPU ${seconds(cpuMs() - cpu)} (${count} rows)`;
    });
    return `${what}: ${figures.join(', ')}`;
  });
}

export async function resumeFloorsBench(pipeBin: string, n: number, rounds: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-resume-'));
  try {
    const list = join(dir, `true-${n}.txt`);
    writeFileSync(list, 'true\n'.repeat(3));
    const seed = await measure(pipeBin, ['run', list, '-j', '2', '--quiet'], { cwd: dir });
    if (seed.exitCode !== 0) throw new Error(`the seed run exited ${seed.exitCode}`);
    const { db } = openDatabase(join(dir, '.pipe'));
    writeFinishedRun(db, n);
    db.close();
    writeFileSync(list, 'true\n'.repeat(n));
    const master = join(dir, 'master');
    cpSync(join(dir, '.pipe'), master, { recursive: true });
    const scratch = join(dir, 'floor');

    // A resume of the store as it is, checked to have reused all n tasks (the latest run's rows and row id ranges).
    const resume = async (what: string): Promise<void> => {
      const load = loadAverage();
      const resumed = await measure(pipeBin, ['run', list, '-j', '2', '--quiet', '--resume'], { cwd: dir });
      if (resumed.exitCode !== 0) throw new Error(`the resume exited ${resumed.exitCode}`);
      const after = openDatabase(join(dir, '.pipe')).db;
      const latest = after.prepare('SELECT id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1').pluck().get();
      const count = (sql: string, ...params: unknown[]): number =>
        after
          .prepare(sql)
          .pluck()
          .get(...params) as number;
      const rows = count('SELECT COUNT(*) FROM tasks WHERE run_id = ? AND state = ?', latest, TaskState.Cached);
      const ranged = count('SELECT ifnull(SUM(last_row - first_row + 1), 0) FROM task_reuse WHERE run_id = ?', latest);
      after.close();
      if (rows + ranged !== n) throw new Error(`the resume reused ${rows} + ${ranged} tasks of ${n}`);
      console.log(
        `resume-floors n=${n} ${what} (load ${load}): pipe run --resume CPU ${seconds(resumed.cpuMs)}, ` +
          `wall ${seconds(resumed.ms)}, peak RSS ${Math.round(resumed.peakRssBytes / 2 ** 20)} MiB ` +
          `(${rows} reused as rows, ${ranged} by row id ranges)`,
      );
    };
    for (let round = 1; round <= rounds; round++) {
      rmSync(join(dir, '.pipe'), { recursive: true, force: true });
      cpSync(master, join(dir, '.pipe'), { recursive: true });
      await resume(`round ${round}`);
    }
    await resume('a resume of the resumed run');
    rmSync(join(dir, '.pipe'), { recursive: true, force: true });
    cpSync(master, join(dir, '.pipe'), { recursive: true });
    const { db: unblocked } = openDatabase(join(dir, '.pipe'));
    unblocked.exec('DELETE FROM task_blocks');
    unblocked.close();
    await resume('task by task (a store without blocks)');

    const rowsFloor = onCopy(master, scratch, (copy, source) => {
      const records = reusedRecords(copy, source);
      const write = createTaskWriter(copy);
      return () => {
        for (let i = 0; i < records.length; i += BATCH) write(records.slice(i, i + BATCH));
      };
    });
    console.log(`resume-floors n=${n}: the reused rows written by the store's task writer: ${rowsFloor}`);

    const rangesFloor = onCopy(master, scratch, (copy, source) => {
      copy.exec('CREATE TABLE reuse_ranges (run_id TEXT, source_run TEXT, first_row INTEGER, last_row INTEGER)');
      const [low, high] = copy
        .prepare('SELECT MIN(rowid), MAX(rowid) FROM tasks WHERE run_id = ?')
        .raw()
        .get(source) as [number, number];
      const insert = copy.prepare('INSERT INTO reuse_ranges VALUES (?, ?, ?, ?)');
      const batch = copy.transaction((first: number) =>
        insert.run('resumed', source, first, Math.min(first + BATCH - 1, high)),
      );
      return () => {
        for (let first = low; first <= high; first += BATCH) batch.immediate(first);
      };
    });
    console.log(`resume-floors n=${n}: the same reuse written as one rowid range per batch: ${rangesFloor}`);

    for (const [what, select] of [
      ['the completed keys read (key)', 'key'],
      ['with each row id (key || rowid, one string a row)', "key || ' ' || rowid"],
    ] as const) {
      const keysFloor = onCopy(master, scratch, (copy, source) => {
        const keys = copy.prepare(`SELECT ${select} FROM tasks WHERE run_id = ? AND state = ?`).pluck();
        return () => {
          let count = 0;
          for (const _ of keys.iterate(source, TaskState.Succeeded)) count++;
          if (count !== n) throw new Error(`read ${count} keys of ${n}`);
        };
      });
      console.log(`resume-floors n=${n}: ${what}: ${keysFloor}`);
    }

    rmSync(scratch, { recursive: true, force: true });
    cpSync(master, scratch, { recursive: true });
    const { db: copy } = openDatabase(scratch);
    try {
      for (const line of readsThroughRanges(copy, n)) console.log(`resume-floors n=${n}: ${line}`);
    } finally {
      copy.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
