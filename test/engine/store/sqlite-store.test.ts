import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../engine/errors.js';
import { SCHEMA_VERSION } from '../../../engine/store/migrations.js';
import { openSqliteStore } from '../../../engine/store/sqlite-store.js';
import { resourceKey } from '../../../engine/store/store.js';
import type { SqliteStore } from '../../../engine/store/sqlite-store.js';
import { aRun, aTask, describeStoreConformance } from './store-conformance.js';
import { sha256 } from '../../../engine/cache-key.js';
import { reuseFields } from '../../../engine/key-table.js';
import type { TaskRecord } from '../../../engine/store/store.js';
import { TaskState } from '../../../engine/task.js';

const dirs: string[] = [];

// A fresh temporary directory, removed after the test file.
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-store-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeStoreConformance('SqliteStore', () => openSqliteStore(tempDir()));

// Rows of `sql` seen by a separate connection, as another process (pipe log, the UI) would see them.
function fromOtherConnection(path: string, sql: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).pluck().get();
  } finally {
    db.close();
  }
}

describe('openSqliteStore', () => {
  it('creates the directory and pipe.db in WAL mode', () => {
    const dir = join(tempDir(), '.pipe');
    const store = openSqliteStore(dir);
    store.close();
    expect(existsSync(join(dir, 'pipe.db'))).toBe(true);
    expect(fromOtherConnection(join(dir, 'pipe.db'), 'PRAGMA journal_mode')).toBe('wal');
  });

  it('applies each migration once, and re-opening keeps the data', () => {
    const dir = tempDir();
    const first = openSqliteStore(dir);
    first.createRun(aRun('r1'));
    first.close();
    const second = openSqliteStore(dir);
    expect(second.getRun('r1')?.id).toBe('r1');
    second.close();
    const versions = new Database(join(dir, 'pipe.db'), { readonly: true });
    expect(versions.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all()).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
    versions.close();
  });

  it('opens an existing store at once while another process holds the write lock', () => {
    const dir = tempDir();
    openSqliteStore(dir).close();
    const writer = new Database(join(dir, 'pipe.db'));
    writer.exec('BEGIN IMMEDIATE');
    try {
      // Opening needs no write: were it to wait for the lock, it would fail with SQLITE_BUSY after the busy timeout.
      const store = openSqliteStore(dir);
      expect(store.runs()).toEqual([]);
      store.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('refuses a database written by a newer pipe, and says to upgrade', () => {
    const dir = tempDir();
    openSqliteStore(dir).close();
    const db = new Database(join(dir, 'pipe.db'));
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, 0)').run(SCHEMA_VERSION + 1);
    db.close();
    const open = (): unknown => openSqliteStore(dir);
    expect(open).toThrow(StoreError);
    expect(open).toThrow(`schema version ${SCHEMA_VERSION + 1}`);
    try {
      open();
    } catch (error) {
      expect((error as StoreError).hint).toMatch(/upgrade pipe/);
    }
  });

  it('refuses a file that is not a database, naming its path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pipe.db'), 'this is not a database, it is a shopping list\n'.repeat(200));
    expect(() => openSqliteStore(dir)).toThrow(StoreError);
    expect(() => openSqliteStore(dir)).toThrow(join(dir, 'pipe.db'));
  });

  it('reports a directory it cannot create as a StoreError', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    expect(() => openSqliteStore(join(file, '.pipe'))).toThrow(StoreError);
  });
});

describe('group commit', () => {
  let dir: string;
  let store: SqliteStore;
  const count = (): unknown => fromOtherConnection(store.path, 'SELECT COUNT(*) FROM tasks');

  beforeEach(() => {
    dir = tempDir();
    store = openSqliteStore(dir, { flushIntervalMs: 60_000 });
  });
  afterEach(() => {
    store.close();
  });

  it('writes nothing until a batch of 1,000 changes is queued, then all of them at once', () => {
    for (let i = 0; i < 999; i++) store.recordTask(aTask('r1', `t${i}`));
    expect(count()).toBe(0);
    store.recordTask(aTask('r1', 't999'));
    expect(count()).toBe(1000);
    expect(store.stats()).toEqual({ commits: 1, written: 1000, queued: 0 });
  });

  it('writes 2,500 changes in 3 transactions', () => {
    for (let i = 0; i < 2500; i++) store.recordTask(aTask('r1', `t${i}`));
    expect(store.stats()).toEqual({ commits: 2, written: 2000, queued: 500 });
    store.flush();
    expect(store.stats()).toEqual({ commits: 3, written: 2500, queued: 0 });
    expect(count()).toBe(2500);
  });

  it('makes queued changes visible to its own reads without an explicit flush', () => {
    store.recordTask(aTask('r1', 't1', { state: 'running' }));
    expect(store.countByState('r1')).toEqual({ running: 1 });
    expect(count()).toBe(1);
  });

  it('writes queued changes when the store closes', () => {
    store.recordTask(aTask('r1', 't1'));
    store.close();
    expect(count()).toBe(1);
  });

  it('commits the tasks of a run before marking the run finished', () => {
    store.createRun(aRun('r1'));
    store.recordTask(aTask('r1', 't1'));
    store.finishRun('r1', 'succeeded', 2);
    expect(count()).toBe(1);
  });

  it("keeps every measured attempt's figures of a batch, written 50 rows a statement, the last change winning", () => {
    store.createRun(aRun('r1'));
    const figures = (i: number) => ({ realtimeMs: 1000 + i, cpuMs: i, peakRssBytes: i * 1024, gpuUtilPercent: i / 2 });
    for (let i = 0; i < 123; i++) store.recordTask(aTask('r1', `t${i}`, { resources: figures(i) }));
    store.recordTask(aTask('r1', 't7', { resources: { cpuMs: 7_000 } }));
    store.recordTask(aTask('r1', 't8', { attempt: 2, resources: { cpuMs: 8_000 } }));
    store.flush();
    const kept = store.resources('r1');
    expect(kept.size).toBe(124);
    expect(kept.get(resourceKey('t0', 1))).toEqual({ ...figures(0), cpuPercent: 0 });
    expect(kept.get(resourceKey('t122', 1))).toMatchObject(figures(122));
    expect(kept.get(resourceKey('t7', 1))).toEqual({ cpuMs: 7_000, cpuPercent: undefined });
    expect(kept.get(resourceKey('t8', 2))?.cpuMs).toBe(8_000);
    expect(kept.get(resourceKey('t8', 1))?.cpuMs).toBe(8);
  });

  it('refuses changes after the store is closed', () => {
    store.close();
    expect(() => store.recordTask(aTask('r1', 't1'))).toThrow(/closed/);
    expect(() => store.tasks({ runId: 'r1' })).toThrow(StoreError);
  });
});

describe('durability', () => {
  it('writes a lone change within the flush interval, without a flush', async () => {
    const store = openSqliteStore(tempDir(), { flushIntervalMs: 20 });
    store.recordTask(aTask('r1', 't1'));
    expect(fromOtherConnection(store.path, 'SELECT COUNT(*) FROM tasks')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fromOtherConnection(store.path, 'SELECT COUNT(*) FROM tasks')).toBe(1);
    expect(store.stats().commits).toBe(1);
    store.close();
  });

  it('lets a second connection read committed data while the store stays open', () => {
    const store = openSqliteStore(tempDir());
    store.createRun(aRun('r1'));
    store.recordTask(aTask('r1', 't1'));
    store.flush();
    expect(fromOtherConnection(store.path, "SELECT id FROM runs WHERE id = 'r1'")).toBe('r1');
    expect(fromOtherConnection(store.path, 'SELECT COUNT(*) FROM tasks')).toBe(1);
    store.close();
  });

  it('keeps flushed changes of a process killed with SIGKILL', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const child = fileURLToPath(new URL('./record-then-sigkill.child.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', child, dir, '2500'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe('');
    expect(result.signal).toBe('SIGKILL');
    const store = openSqliteStore(dir);
    expect(store.getRun('killed')?.status).toBe('running');
    expect(store.countByState('killed')).toEqual({ succeeded: 2500 });
    store.close();
  });
});

describe('tasks reused by row id ranges', () => {
  const key = (i: number): string => sha256(`task ${i}`);
  const fieldsOf = (task: TaskRecord): string =>
    reuseFields(task.taskId, task.stepId, task.idx, task.occurrence, task.tags, task.workDir) as string;

  // Run r1 ran six tasks; r2 reused them all (t3 as a row of its own, the rest by row id) and ran one that failed.
  function reusedRun(): { store: SqliteStore; ran: TaskRecord[] } {
    const store = openSqliteStore(tempDir());
    store.createRun(aRun('r1'));
    store.createRun(aRun('r2', { resumedFrom: 'r1' }));
    const ran = Array.from({ length: 6 }, (_, i) =>
      aTask('r1', `t${i}`, { key: key(i), idx: i, occurrence: 0, tags: i === 2 ? '{"s":"A"}' : undefined }),
    );
    for (const task of ran) store.recordTask({ ...task, startedAt: 1000 + i(task), endedAt: 2000, exitCode: 0 });
    const keys = store.completedKeys(['r1']);
    for (const task of [ran[5], ran[0], ran[1], ran[3], ran[2], ran[4]] as TaskRecord[]) {
      const reused: TaskRecord = {
        ...task,
        runId: 'r2',
        state: TaskState.Cached,
        reason: 'reused',
        cachedFrom: 'r1',
      };
      const source = task.taskId === 't3' ? undefined : keys.source(task.key, fieldsOf(task));
      if (task.taskId !== 't3') expect(source).toBeDefined();
      store.recordTask({ ...reused, reusedRow: source });
    }
    store.recordTask(aTask('r2', 't6', { key: key(6), idx: 6, state: TaskState.Failed, exitCode: 1 }));
    store.flush();
    return { store, ran };
  }
  const i = (task: TaskRecord): number => task.idx;
  const asReused = (task: TaskRecord): TaskRecord => ({
    ...task,
    runId: 'r2',
    state: TaskState.Cached,
    reason: 'reused',
    cachedFrom: 'r1',
  });

  it('reads the reused tasks as their rows, in every listing and count, with few ranges written', () => {
    const { store, ran } = reusedRun();
    try {
      // t0, t1, t2 and t4, t5: two ranges (t3 is a row).
      expect(fromOtherConnection(store.path, 'SELECT COUNT(*) FROM task_reuse')).toBe(2);
      expect(fromOtherConnection(store.path, "SELECT COUNT(*) FROM tasks WHERE run_id = 'r2'")).toBe(2);
      const expected = ran.map(asReused);
      const listed = store.tasks({ runId: 'r2' });
      expect(listed.map((t) => t.taskId)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
      for (const [n, task] of expected.entries()) expect(listed[n]).toEqual(task);
      expect(store.tasks({ runId: 'r2', taskId: 't4' })).toEqual([expected[4]]);
      expect(store.tasks({ runId: 'r2', taskId: 't4', latestAttemptOnly: true })).toEqual([expected[4]]);
      expect(store.tasks({ runId: 'r2', state: TaskState.Cached }).map((t) => t.taskId)).toHaveLength(6);
      expect(store.tasks({ runId: 'r2', state: TaskState.Failed }).map((t) => t.taskId)).toEqual(['t6']);
      expect(store.tasks({ runId: 'r2', tag: ['s', 'A'] })).toEqual([expected[2]]);
      expect(store.tasks({ runId: 'r2', limit: 2 }).map((t) => t.taskId)).toEqual(['t0', 't1']);
      expect(store.countByState('r2')).toEqual({ cached: 6, failed: 1 });
      const keys = store.completedKeys(['r2', 'r1']);
      expect(keys.size).toBe(6);
      for (const task of ran) expect(keys.get(task.key)).toBe('r1');
      // A resume of r2 finds r1's rows again (t3's row is r2's own).
      expect(keys.source(key(4), fieldsOf(ran[4] as TaskRecord))?.run).toBe('r1');
      expect(keys.source(key(3), fieldsOf(ran[3] as TaskRecord))?.run).toBe('r2');
    } finally {
      store.close();
    }
  });

  it('keeps the reused tasks of a later run when the run they came from is deleted', () => {
    const { store, ran } = reusedRun();
    try {
      const before = store.tasks({ runId: 'r2' });
      expect(store.deleteRun('r1')).toBe(true);
      expect(fromOtherConnection(store.path, 'SELECT COUNT(*) FROM task_reuse')).toBe(0);
      expect(fromOtherConnection(store.path, "SELECT COUNT(*) FROM tasks WHERE run_id = 'r1'")).toBe(0);
      expect(store.tasks({ runId: 'r2' })).toEqual(before);
      expect(store.countByState('r2')).toEqual({ cached: 6, failed: 1 });
      const keys = store.completedKeys(['r2']);
      for (const task of ran) expect(keys.get(task.key)).toBe('r1');
      // Deleting the run that holds ranges drops them with its rows.
      expect(store.deleteRun('r2')).toBe(true);
      expect(store.tasks({ runId: 'r2' })).toEqual([]);
    } finally {
      store.close();
    }
  });
});
