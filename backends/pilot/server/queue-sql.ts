// The pilot queue's SQL, shared by SQLite and PostgreSQL: TEXT / INTEGER / BIGINT / REAL columns only, `?`
// placeholders, no dialect-only clauses except the substring test below.
import type { Dialect } from './sql-driver.js';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS pilot_sessions (
  id TEXT PRIMARY KEY,
  n INTEGER NOT NULL,
  started_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS pilot_tasks (
  id BIGINT PRIMARY KEY,
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
  ended_at BIGINT
);
CREATE INDEX IF NOT EXISTS pilot_tasks_session_state ON pilot_tasks (session_id, state, id);
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

export const TASK_COLUMNS = [
  'id',
  'session_id',
  'name',
  'step',
  'command',
  'light',
  'work_dir',
  'err_file',
  'cpus',
  'memory',
  'time_limit',
  'env',
  'tags',
  'state',
  'attempt',
  'submitted_at',
] as const;

const DISPATCH_COLUMNS =
  'id, attempt, agent, name, step, command, light, work_dir, err_file, cpus, memory, time_limit, env';
const ROW_COLUMNS =
  'id, state, name, work_dir, command, attempt, agent, exit_code, submitted_at, started_at, ended_at, tags';

export const SQL = {
  latestSession: 'SELECT id, n FROM pilot_sessions ORDER BY n DESC LIMIT 1',
  insertSession: 'INSERT INTO pilot_sessions (id, n, started_at) VALUES (?, ?, ?)',
  maxTaskId: 'SELECT MAX(id) AS max FROM pilot_tasks',
  queuedAfter: `SELECT ${DISPATCH_COLUMNS} FROM pilot_tasks WHERE session_id = ? AND state = 'queued' AND id > ? ORDER BY id LIMIT ?`,
  running: `SELECT ${DISPATCH_COLUMNS} FROM pilot_tasks WHERE session_id = ? AND state = 'running' ORDER BY id`,
  stepDurations: `SELECT step, MAX(ended_at - started_at) AS longest FROM pilot_tasks
    WHERE session_id = ? AND state = 'succeeded' AND step IS NOT NULL AND started_at IS NOT NULL GROUP BY step`,
  dispatchTask: `UPDATE pilot_tasks SET state = 'running', agent = ?, started_at = NULL WHERE id = ? AND attempt = ?`,
  dispatchAttempt: 'INSERT INTO pilot_attempts (task, attempt, agent, dispatched_at) VALUES (?, ?, ?, ?)',
  startTask: `UPDATE pilot_tasks SET started_at = ? WHERE id = ? AND attempt = ? AND state = 'running'`,
  startAttempt: 'UPDATE pilot_attempts SET started_at = ? WHERE task = ? AND attempt = ?',
  finishTask: `UPDATE pilot_tasks SET state = ?, exit_code = ?, signal = ?, reason = ?, started_at = COALESCE(started_at, ?),
    ended_at = ? WHERE id = ? AND attempt = ?`,
  finishAttempt: `UPDATE pilot_attempts SET outcome = ?, exit_code = ?, started_at = COALESCE(started_at, ?), ended_at = ?
    WHERE task = ? AND attempt = ?`,
  requeueTask: `UPDATE pilot_tasks SET state = 'queued', attempt = attempt + 1, agent = NULL, started_at = NULL
    WHERE id = ? AND attempt = ?`,
  endAttempt: 'UPDATE pilot_attempts SET outcome = ?, ended_at = ? WHERE task = ? AND attempt = ?',
  cancelQueued: `UPDATE pilot_tasks SET state = 'cancelled', ended_at = ? WHERE id = ? AND state = 'queued'`,
} as const;

// `?` placeholders for a list of n values.
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

// A condition true when `column` contains the text bound to its `?` (exact, case-sensitive).
export function containsSql(dialect: Dialect, column: string): string {
  return dialect === 'sqlite' ? `instr(${column}, ?) > 0` : `strpos(${column}, ?) > 0`;
}

export const statesSql = (n: number): string =>
  `SELECT id, state, attempt FROM pilot_tasks WHERE id IN (${placeholders(n)})`;
export const attemptsSql = (n: number): string =>
  `SELECT task, attempt, agent, outcome FROM pilot_attempts WHERE task IN (${placeholders(n)})`;

// The counts query, filtered by tags (each bound as a contained `"key":"value"`).
export function countsSql(dialect: Dialect, tagCount: number): string {
  const tags = Array.from({ length: tagCount }, () => ` AND ${containsSql(dialect, 'tags')}`).join('');
  return `SELECT state, COUNT(*) AS n FROM pilot_tasks WHERE session_id = ?${tags} GROUP BY state`;
}

// The listing query, optionally filtered by state and tags.
export function listSql(dialect: Dialect, withState: boolean, tagCount: number): string {
  const tags = Array.from({ length: tagCount }, () => ` AND ${containsSql(dialect, 'tags')}`).join('');
  return `SELECT ${ROW_COLUMNS} FROM pilot_tasks WHERE session_id = ?${withState ? ' AND state = ?' : ''}${tags} ORDER BY id LIMIT ?`;
}
