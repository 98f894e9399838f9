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
