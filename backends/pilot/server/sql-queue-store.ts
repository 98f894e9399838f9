// The queue store over any SQL driver: rows in and out, ids handed out by the server (one server owns a queue).
import { randomUUID } from 'node:crypto';
import type { QueueCounts, TaskQuery, TaskRow, TaskStateName } from '../protocol/messages.js';
import type { AttemptRecord, Outcome, QueueChange, QueueStore, SessionInfo, StoredTask } from './queue-store.js';
import { attemptsSql, countsSql, listSql, SCHEMA, SQL, statesSql, TASK_COLUMNS } from './queue-sql.js';
import { writePostgresChanges } from './postgres-changes.js';
import { createAnalyzer, migratePostgres } from './postgres-schema.js';
import type { SqlDriver, SqlTransaction } from './sql-driver.js';

// Most ids bound in one `IN (…)` list.
const IN_CHUNK = 500;

type Row = Record<string, unknown>;

// A column that may be NULL (or a PostgreSQL BIGINT string) as a number.
const num = (value: unknown): number | undefined => (value === null || value === undefined ? undefined : Number(value));
const text = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : String(value);

// Tags as stored: JSON with sorted keys, so that a `"key":"value"` substring test finds exactly one tag.
export function encodeTags(tags: Readonly<Record<string, string>> | undefined): string | null {
  if (tags === undefined || Object.keys(tags).length === 0) return null;
  return JSON.stringify(Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

// The substrings a tag filter looks for.
function tagNeedles(tags: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(tags ?? {}).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
}

// A dispatchable task from its row.
function toStoredTask(row: Row): StoredTask {
  return {
    id: Number(row.id),
    attempt: Number(row.attempt),
    agent: text(row.agent),
    name: text(row.name),
    step: text(row.step),
    command: String(row.command),
    light: Number(row.light) === 1,
    workDir: text(row.work_dir),
    errFile: text(row.err_file),
    cpus: Number(row.cpus),
    memoryBytes: num(row.memory),
    timeLimitMs: num(row.time_limit),
    env:
      row.env === null || row.env === undefined ? undefined : (JSON.parse(String(row.env)) as Record<string, string>),
  };
}

// A listed task from its row.
function toTaskRow(row: Row): TaskRow {
  return {
    id: String(row.id),
    state: String(row.state) as TaskStateName,
    name: text(row.name),
    workDir: text(row.work_dir),
    command: String(row.command),
    attempt: Number(row.attempt),
    agent: text(row.agent),
    exitCode: num(row.exit_code) ?? null,
    submittedAt: Number(row.submitted_at),
    startedAt: num(row.started_at),
    endedAt: num(row.ended_at),
    tags:
      row.tags === null || row.tags === undefined
        ? undefined
        : (JSON.parse(String(row.tags)) as Record<string, string>),
  };
}

// Splits a list into chunks of at most `size`.
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Writes one change. Times are whole milliseconds in BIGINT columns: agents may report fractions.
async function write(tx: SqlTransaction, raw: QueueChange): Promise<void> {
  const change = { ...raw, at: Math.round(raw.at) } as QueueChange;
  switch (change.kind) {
    case 'dispatch':
      await tx.run(SQL.dispatchTask, [change.agent, change.id, change.attempt]);
      await tx.run(SQL.dispatchAttempt, [change.id, change.attempt, change.agent, change.at]);
      return;
    case 'start':
      await tx.run(SQL.startTask, [change.at, change.id, change.attempt]);
      await tx.run(SQL.startAttempt, [change.at, change.id, change.attempt]);
      return;
    case 'finish': {
      const started = change.startedAt === undefined ? null : Math.round(change.startedAt);
      await tx.run(SQL.finishTask, [
        change.outcome,
        change.exitCode,
        change.signal ?? null,
        change.reason ?? null,
        started,
        change.at,
        change.id,
        change.attempt,
      ]);
      await tx.run(SQL.finishAttempt, [change.outcome, change.exitCode, started, change.at, change.id, change.attempt]);
      return;
    }
    case 'requeue':
      await tx.run(SQL.requeueTask, [change.id, change.attempt]);
      await tx.run(SQL.endAttempt, [change.outcome, change.at, change.id, change.attempt]);
      return;
    case 'cancel':
      await tx.run(SQL.cancelQueued, [change.at, change.id]);
      return;
    default: {
      const never: never = change;
      throw new Error(`unknown queue change ${JSON.stringify(never)}`);
    }
  }
}

// Writes changes one statement each (SQLite: no round trips to save).
async function writeEach(tx: SqlTransaction, changes: readonly QueueChange[]): Promise<void> {
  for (const change of changes) await write(tx, change);
}

// Creates or migrates the schema and wraps the driver as a QueueStore.
export async function createSqlQueueStore(driver: SqlDriver): Promise<QueueStore> {
  const postgres = driver.dialect === 'postgres';
  if (postgres) await migratePostgres(driver);
  else await driver.exec(SCHEMA);
  const writeChanges = postgres ? writePostgresChanges : writeEach;
  const analyze = postgres ? createAnalyzer(driver) : async () => undefined;
  const [max] = await driver.all<Row>(SQL.maxTaskId);
  let nextId = (num(max?.max) ?? 0) + 1;

  return {
    location: driver.location,

    async openSession(resume, now): Promise<SessionInfo> {
      const [latest] = await driver.all<Row>(SQL.latestSession);
      if (resume && latest !== undefined) return { id: String(latest.id), resumed: true };
      const id = randomUUID();
      await driver.transaction((tx) => tx.run(SQL.insertSession, [id, (num(latest?.n) ?? 0) + 1, now]));
      return { id, resumed: false };
    },

    async insert(session, tasks, now) {
      const first = nextId;
      const rows = tasks.map((task, i) => [
        first + i,
        session,
        task.name ?? null,
        task.step ?? null,
        task.command,
        task.light ? 1 : 0,
        task.workDir ?? null,
        task.errFile ?? null,
        task.cpus ?? 1,
        task.memoryBytes ?? null,
        task.timeLimitMs ?? null,
        task.env === undefined ? null : JSON.stringify(task.env),
        encodeTags(task.tags),
        'queued',
        1,
        now,
      ]);
      await driver.transaction((tx) => tx.insertRows('pilot_tasks', TASK_COLUMNS, rows));
      nextId = first + tasks.length;
      await analyze(tasks.length);
      return first;
    },

    async queuedAfter(session, afterId, limit) {
      return (await driver.all<Row>(SQL.queuedAfter, [session, afterId, limit])).map(toStoredTask);
    },

    async running(session) {
      return (await driver.all<Row>(SQL.running, [session])).map(toStoredTask);
    },

    async stepDurations(session) {
      const rows = await driver.all<Row>(SQL.stepDurations, [session]);
      return new Map(rows.map((row) => [String(row.step), Number(row.longest)]));
    },

    async states(ids) {
      const states = new Map<number, { state: TaskStateName; attempt: number }>();
      for (const chunk of chunks(ids, IN_CHUNK)) {
        for (const row of await driver.all<Row>(statesSql(chunk.length), chunk)) {
          states.set(Number(row.id), { state: String(row.state) as TaskStateName, attempt: Number(row.attempt) });
        }
      }
      return states;
    },

    async attempts(keys): Promise<AttemptRecord[]> {
      const wanted = new Set(keys.map((k) => `${k.id}:${k.attempt}`));
      const ids = [...new Set(keys.map((k) => k.id))];
      const records: AttemptRecord[] = [];
      for (const chunk of chunks(ids, IN_CHUNK)) {
        for (const row of await driver.all<Row>(attemptsSql(chunk.length), chunk)) {
          const record = {
            id: Number(row.task),
            attempt: Number(row.attempt),
            agent: String(row.agent),
            outcome: text(row.outcome) as Outcome | undefined,
          };
          if (wanted.has(`${record.id}:${record.attempt}`)) records.push(record);
        }
      }
      return records;
    },

    async apply(changes) {
      if (changes.length === 0) return;
      await driver.transaction((tx) => writeChanges(tx, changes));
      await analyze(changes.length);
    },

    async counts(session, tags): Promise<QueueCounts> {
      const needles = tagNeedles(tags);
      const counts = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
      for (const row of await driver.all<Row>(countsSql(driver.dialect, needles.length), [session, ...needles])) {
        const state = String(row.state);
        if (state in counts) counts[state as TaskStateName] = Number(row.n);
      }
      return counts;
    },

    async list(session, query: TaskQuery) {
      const needles = tagNeedles(query.tags);
      const params: unknown[] = [session];
      if (query.state !== undefined) params.push(query.state);
      params.push(...needles, query.limit ?? 1000);
      return (await driver.all<Row>(listSql(driver.dialect, query.state !== undefined, needles.length), params)).map(
        toTaskRow,
      );
    },

    close: () => driver.close(),
  };
}
