// Schema migrations of the store: ordered SQL strings, applied once each and recorded in `schema_version`.
import type { Database } from 'better-sqlite3';
import { StoreError } from '../errors.js';

// Migration n (1-based) is MIGRATIONS[n - 1]. Append only; never edit one that has shipped.
// Portable to PostgreSQL: TEXT / INTEGER / BIGINT / REAL only, no SQLite-only clauses.
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    workflow TEXT NOT NULL,
    launch_dir TEXT NOT NULL,
    backend TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    resumed_from TEXT,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    argv TEXT NOT NULL
  );
  CREATE INDEX runs_workflow_started ON runs (workflow, started_at);
  CREATE INDEX runs_started ON runs (started_at);

  CREATE TABLE steps (
    run_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    name TEXT NOT NULL,
    parts TEXT NOT NULL,
    total INTEGER,
    PRIMARY KEY (run_id, step_id)
  );

  CREATE TABLE tasks (
    run_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    step_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    state TEXT NOT NULL,
    key TEXT NOT NULL,
    command TEXT NOT NULL,
    backend TEXT,
    native_id TEXT,
    work_dir TEXT,
    exit_code INTEGER,
    signal TEXT,
    reason TEXT,
    submitted_at BIGINT,
    started_at BIGINT,
    ended_at BIGINT,
    err_file TEXT,
    tags TEXT,
    inputs_digest TEXT,
    occurrence INTEGER,
    cached_from TEXT,
    PRIMARY KEY (run_id, task_id, attempt)
  );
  -- Serves completedKeys, unfinished and every "tasks of a run in state X" query. Not (run_id, state, key):
  -- keys are hashes, so each batch would dirty ~1 index page per row (measured 4x slower writes, no faster reads).
  CREATE INDEX tasks_run_state ON tasks (run_id, state);
  `,
  `
  CREATE TABLE task_resources (
    run_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    realtime_ms BIGINT,
    cpu_ms BIGINT,
    peak_rss BIGINT,
    peak_vmem BIGINT,
    rchar BIGINT,
    wchar BIGINT,
    read_bytes BIGINT,
    write_bytes BIGINT,
    syscr BIGINT,
    syscw BIGINT,
    gpu_util REAL,
    peak_gpu_mem BIGINT,
    PRIMARY KEY (run_id, task_id, attempt)
  );
  `,
  // A run that reuses tasks of an earlier run records, per batch, the row ids of the rows it reused instead of a row
  // per task (engine/store/task-reuse.ts). Row ids are SQLite's: PostgreSQL would need a row number column.
  `
  CREATE TABLE task_reuse (
    run_id TEXT NOT NULL,
    source_run TEXT NOT NULL,
    first_row BIGINT NOT NULL,
    last_row BIGINT NOT NULL
  );
  CREATE INDEX task_reuse_run ON task_reuse (run_id, source_run, first_row);
  CREATE INDEX task_reuse_source ON task_reuse (source_run);
  `,
  // Blocks of a step's consecutive tasks that all succeeded in a run, each with a digest of their keys and other
  // fields and the row id ranges of their rows: a resume reuses a block that digests the same as one range write
  // (engine/task-blocks.ts). `ranges`: JSON [[source run, first row, last row], …].
  `
  CREATE TABLE task_blocks (
    run_id TEXT NOT NULL,
    step_id TEXT NOT NULL,
    first_idx INTEGER NOT NULL,
    count INTEGER NOT NULL,
    digest TEXT NOT NULL,
    ranges TEXT NOT NULL,
    PRIMARY KEY (run_id, step_id, first_idx)
  );
  `,
];

// The schema version this code writes and understands.
export const SCHEMA_VERSION = MIGRATIONS.length;

// Brings the database at `path` up to SCHEMA_VERSION; refuses a database written by a newer pipe.
export function migrate(db: Database, path: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  const current = db.prepare('SELECT MAX(version) FROM schema_version').pluck();
  const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
  // Checked before taking the write lock, so `pipe status` next to a running pipe never waits for it.
  if (checkedVersion(current.get(), path) === SCHEMA_VERSION) return;
  // IMMEDIATE: a second process opening the same file waits instead of applying the same migration twice.
  db.transaction(() => {
    for (let next = checkedVersion(current.get(), path) + 1; next <= SCHEMA_VERSION; next++) {
      db.exec(MIGRATIONS[next - 1] as string);
      record.run(next, Date.now());
    }
  }).immediate();
}

// The applied version (0 for a new file), refusing one newer than this code knows.
function checkedVersion(value: unknown, path: string): number {
  const version = typeof value === 'number' ? value : 0;
  if (version > SCHEMA_VERSION) {
    const known = `this pipe only knows up to version ${SCHEMA_VERSION}`;
    throw new StoreError(`${path} has schema version ${version}, but ${known}`, {
      hint: 'A newer pipe wrote this launch directory; upgrade pipe, or launch from another directory.',
    });
  }
  return version;
}
