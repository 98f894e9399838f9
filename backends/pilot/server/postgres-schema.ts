// The pilot queue's PostgreSQL schema, versioned: pipe applies the migrations it lacks when it opens the queue, so a
// user never runs DDL. The task table is partitioned by state (LIST): queued, running, and the finished ones, so that
// dispatch reads only the queued partition, through a partial index, however many tasks have finished.
import type { SqlDriver } from './sql-driver.js';

// Held while migrating, so that two servers opening one database at once migrate it once.
const MIGRATION_LOCK = 0x70697065; // 'pipe'

const TASK_COLUMNS_DDL = `
  id BIGINT NOT NULL,
  session_id TEXT NOT NULL,
  name TEXT,
  step TEXT,
  command TEXT NOT NULL,
  light INTEGER NOT NULL,
  work_dir TEXT,
  err_file TEXT,
  cpus REAL NOT NULL,
  memory BIGINT,
  time_limit BIGINT,
  env TEXT,
  tags TEXT,
  state TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  agent TEXT,
  exit_code INTEGER,
  signal TEXT,
  reason TEXT,
  submitted_at BIGINT NOT NULL,
  started_at BIGINT,
  ended_at BIGINT`;

// Version 1: sessions, the partitioned task table, attempts. A queue made by an older pipe (one unpartitioned
// pilot_tasks table, no version) is moved into the partitions.
const V1 = `
CREATE TABLE IF NOT EXISTS pilot_sessions (
  id TEXT PRIMARY KEY,
  n INTEGER NOT NULL,
  started_at BIGINT NOT NULL
);
DO $$
BEGIN
  IF to_regclass('pilot_tasks') IS NOT NULL THEN
    DROP INDEX IF EXISTS pilot_tasks_session_state;
    ALTER TABLE pilot_tasks RENAME TO pilot_tasks_unpartitioned;
    ALTER TABLE pilot_tasks_unpartitioned RENAME CONSTRAINT pilot_tasks_pkey TO pilot_tasks_unpartitioned_pkey;
  END IF;
END $$;
CREATE TABLE pilot_tasks (${TASK_COLUMNS_DDL},
  PRIMARY KEY (id, state)
) PARTITION BY LIST (state);
CREATE TABLE pilot_tasks_queued PARTITION OF pilot_tasks FOR VALUES IN ('queued');
CREATE TABLE pilot_tasks_running PARTITION OF pilot_tasks FOR VALUES IN ('running');
CREATE TABLE pilot_tasks_finished PARTITION OF pilot_tasks DEFAULT;
CREATE INDEX pilot_tasks_queued_by_session ON pilot_tasks (session_id, id) WHERE state = 'queued';
DO $$
BEGIN
  IF to_regclass('pilot_tasks_unpartitioned') IS NOT NULL THEN
    INSERT INTO pilot_tasks SELECT * FROM pilot_tasks_unpartitioned;
    DROP TABLE pilot_tasks_unpartitioned;
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS pilot_attempts (
  task BIGINT NOT NULL,
  attempt INTEGER NOT NULL,
  agent TEXT NOT NULL,
  dispatched_at BIGINT NOT NULL,
  started_at BIGINT,
  ended_at BIGINT,
  exit_code INTEGER,
  outcome TEXT,
  PRIMARY KEY (task, attempt)
);
`;

// The migrations in order; the schema's version is the number applied.
export const POSTGRES_MIGRATIONS: readonly string[] = [V1];

type Row = Record<string, unknown>;

// Brings the database to the latest version, each migration in its own transaction with its version bump.
export async function migratePostgres(driver: SqlDriver): Promise<number> {
  await driver.exec('CREATE TABLE IF NOT EXISTS pilot_schema (version INTEGER NOT NULL)');
  let version = 0;
  await driver.transaction(async (tx) => {
    await tx.run('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    const [row] = await tx.all<Row>('SELECT version FROM pilot_schema');
    if (row === undefined) await tx.run('INSERT INTO pilot_schema (version) VALUES (0)', []);
    version = Number(row?.version ?? 0);
    for (; version < POSTGRES_MIGRATIONS.length; version++) {
      await tx.exec(POSTGRES_MIGRATIONS[version]!);
      await tx.run('UPDATE pilot_schema SET version = ?', [version + 1]);
    }
  });
  return version;
}

// Fewest rows written between two ANALYZEs.
const ANALYZE_EVERY = 10_000;

// Keeps the planner's statistics up with bulk writes: ANALYZE pilot_tasks (and so its partitions) once the rows
// written since the last one reach the rows counted then. Without statistics a bulk-loaded partition is taken for
// a small one, and the set-wise updates join it by a sequential scan, whose cost grows with the queue; autovacuum's
// own ANALYZE comes too late for a queue filled in seconds. Doubling keeps the ANALYZEs to a few dozen at 10M.
export function createAnalyzer(driver: SqlDriver): (written: number) => Promise<void> {
  let since = 0;
  let due = ANALYZE_EVERY;
  let total = 0;
  return async (written) => {
    since += written;
    total += written;
    if (since < due) return;
    await driver.exec('ANALYZE pilot_tasks');
    since = 0;
    due = Math.max(ANALYZE_EVERY, total);
  };
}
