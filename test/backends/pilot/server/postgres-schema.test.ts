import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openQueueStore } from '../../../../backends/pilot/server/index.js';
import type { QueueStore } from '../../../../backends/pilot/server/index.js';
import { writePostgresChanges } from '../../../../backends/pilot/server/postgres-changes.js';
import { Outcome } from '../../../../backends/pilot/server/queue-store.js';
import { copyValue } from '../../../../backends/pilot/server/postgres-copy.js';
import type { SqlTransaction } from '../../../../backends/pilot/server/sql-driver.js';
import { POSTGRES_MIGRATIONS } from '../../../../backends/pilot/server/postgres-schema.js';
import { scratchDir } from '../../../helpers/cli.js';
import { databases } from './databases.js';

const postgres = databases.find((database) => database.name === 'PostgreSQL');

// The rows of a query against the queue's database (its URL sets the schema).
async function rows(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

// The pilot queue's tables as an older pipe made them: one unpartitioned task table, no schema version.
const UNVERSIONED = `
CREATE TABLE pilot_sessions (id TEXT PRIMARY KEY, n INTEGER NOT NULL, started_at BIGINT NOT NULL);
CREATE TABLE pilot_tasks (id BIGINT PRIMARY KEY, session_id TEXT NOT NULL, name TEXT, step TEXT, command TEXT NOT NULL,
  light INTEGER NOT NULL, work_dir TEXT, err_file TEXT, cpus REAL NOT NULL, memory BIGINT, time_limit BIGINT, env TEXT,
  tags TEXT, state TEXT NOT NULL, attempt INTEGER NOT NULL, agent TEXT, exit_code INTEGER, signal TEXT, reason TEXT,
  submitted_at BIGINT NOT NULL, started_at BIGINT, ended_at BIGINT);
CREATE INDEX pilot_tasks_session_state ON pilot_tasks (session_id, state, id);
CREATE TABLE pilot_attempts (task BIGINT NOT NULL, attempt INTEGER NOT NULL, agent TEXT NOT NULL,
  dispatched_at BIGINT NOT NULL, started_at BIGINT, ended_at BIGINT, exit_code INTEGER, outcome TEXT,
  PRIMARY KEY (task, attempt));
INSERT INTO pilot_sessions VALUES ('s1', 1, 5);
INSERT INTO pilot_tasks (id, session_id, command, light, cpus, state, attempt, submitted_at, exit_code)
  VALUES (1, 's1', 'done', 1, 1, 'succeeded', 1, 5, 0), (2, 's1', 'waiting', 1, 1, 'queued', 1, 5, NULL);
`;

// Which partition holds each task, by id.
const partitions = (db: string): Promise<Record<string, unknown>[]> =>
  rows(db, 'SELECT id::int AS id, tableoid::regclass::text AS part FROM pilot_tasks ORDER BY id');

describe.runIf(postgres !== undefined)('pilot queue on PostgreSQL: schema and migrations', () => {
  let store: QueueStore | undefined;
  let drop: () => Promise<void> = async () => undefined;

  afterEach(async () => {
    await store?.close();
    store = undefined;
    await drop();
  });

  it('creates the partitioned layout itself and moves each task to its state partition', async () => {
    const created = await postgres!.create();
    drop = created.drop;
    store = await openQueueStore(scratchDir(), created.db);
    const { id: session } = await store.openSession(false, 1);
    const first = await store.insert(
      session,
      [1, 2, 3].map((n) => ({ command: `c${n}`, light: true })),
      10,
    );
    await store.apply([
      { kind: 'dispatch', id: first, attempt: 1, agent: 'a', at: 11 },
      { kind: 'dispatch', id: first + 1, attempt: 1, agent: 'a', at: 11 },
      { kind: 'finish', id: first, attempt: 1, outcome: 'succeeded', exitCode: 0, at: 12 },
    ]);
    expect(await partitions(created.db)).toEqual([
      { id: first, part: 'pilot_tasks_finished' },
      { id: first + 1, part: 'pilot_tasks_running' },
      { id: first + 2, part: 'pilot_tasks_queued' },
    ]);
    expect(await rows(created.db, 'SELECT version FROM pilot_schema')).toEqual([
      { version: POSTGRES_MIGRATIONS.length },
    ]);
    // Opening it again applies nothing twice.
    await store.close();
    store = await openQueueStore(scratchDir(), created.db);
    expect(await store.counts(session)).toMatchObject({ queued: 1, running: 1, succeeded: 1 });
  });

  it('keeps statistics up with a bulk load, so that dispatches find their rows by index, not by a scan', async () => {
    const created = await postgres!.create();
    drop = created.drop;
    store = await openQueueStore(scratchDir(), created.db);
    const { id: session } = await store.openSession(false, 1);
    for (let i = 0; i < 5; i++) {
      await store.insert(
        session,
        Array.from({ length: 5_000 }, () => ({ command: 'true', light: true })),
        10,
      );
    }
    const plan = await rows(
      created.db,
      `EXPLAIN UPDATE pilot_tasks t SET state = 'running' FROM unnest('{1,2,3}'::bigint[], '{1,1,1}'::int[])
        AS c(id, attempt) WHERE t.id = c.id AND t.attempt = c.attempt`,
    );
    const text = plan.map((row) => String(row['QUERY PLAN'])).join('\n');
    expect(text).toMatch(/Index Scan using pilot_tasks_queued_pkey/);
    expect(text).not.toMatch(/Seq Scan on pilot_tasks_queued/);
  });

  it('finds the tasks a batch of changes moves by index in every partition, not by a scan per task', async () => {
    const created = await postgres!.create();
    drop = created.drop;
    store = await openQueueStore(scratchDir(), created.db);
    const { id: session } = await store.openSession(false, 1);
    await store.insert(
      session,
      Array.from({ length: 20_000 }, () => ({ command: 'true', light: true })),
      10,
    );
    // The running and finished partitions are empty and analyzed as such: the case where a scan looks cheapest.
    await rows(created.db, 'ANALYZE pilot_tasks');
    const client = new pg.Client({ connectionString: created.db });
    await client.connect();
    const plans: string[] = [];
    // A transaction that records the plan of each statement before running it.
    const tx: SqlTransaction = {
      run: async (sql, params) => {
        let n = 0;
        const numbered = sql.replace(/\?/g, () => `$${++n}`);
        const plan = await client.query(`EXPLAIN ${numbered}`, params as unknown[]);
        plans.push(plan.rows.map((row: Record<string, unknown>) => String(row['QUERY PLAN'])).join('\n'));
        await client.query(numbered, params as unknown[]);
      },
      all: () => Promise.reject(new Error('not used')),
      exec: async (sql) => void (await client.query(sql)),
      runMany: () => Promise.reject(new Error('not used')),
      insertRows: () => Promise.reject(new Error('not used')),
    };
    try {
      await client.query('BEGIN');
      const ids = Array.from({ length: 500 }, (_, i) => i + 1);
      await writePostgresChanges(tx, [
        ...ids.map((id) => ({ kind: 'dispatch' as const, id, attempt: 1, agent: 'a', at: 20 })),
        ...ids.map((id) => ({
          kind: 'finish' as const,
          id,
          attempt: 1,
          outcome: Outcome.Succeeded,
          exitCode: 0,
          at: 30,
        })),
      ]);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    const updates = plans.filter((plan) => plan.includes('Update on pilot_tasks t'));
    expect(updates).toHaveLength(2);
    for (const plan of updates) {
      expect(plan).toMatch(/Index Scan using pilot_tasks_running_pkey/);
      expect(plan).not.toMatch(/Seq Scan on pilot_tasks_(queued|running|finished)/);
    }
    expect(await store.counts(session)).toMatchObject({ queued: 19_500, running: 0, succeeded: 500 });
  });

  it('migrates a queue made by an older pipe, keeping its tasks and their states', async () => {
    const created = await postgres!.create();
    drop = created.drop;
    await rows(created.db, UNVERSIONED);
    store = await openQueueStore(scratchDir(), created.db);
    expect(await store.openSession(true, 6)).toEqual({ id: 's1', resumed: true });
    expect(await partitions(created.db)).toEqual([
      { id: 1, part: 'pilot_tasks_finished' },
      { id: 2, part: 'pilot_tasks_queued' },
    ]);
    expect((await store.queuedAfter('s1', 0, 10)).map((t) => t.command)).toEqual(['waiting']);
    expect(await store.insert('s1', [{ command: 'new', light: true }], 7)).toBe(3);
  });
});

describe('COPY text format', () => {
  it('writes NULL as \\N and escapes backslash, tab, newline and carriage return', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue(2.5)).toBe('2.5');
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyValue('\\N')).toBe('\\\\N');
  });
});
