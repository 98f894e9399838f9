// Queue changes written to PostgreSQL set-wise: each run of consecutive changes of one kind is one or two statements
// over arrays (`unnest`), instead of one round trip per task. A run ends where a task repeats, so that changes to one
// task keep their order.
import type { QueueChange } from './queue-store.js';
import type { SqlTransaction } from './sql-driver.js';

type Kind = QueueChange['kind'];

// The statements of each kind; `?` are arrays, one element per change, in the order of `columns` below.
const STATEMENTS: Record<Kind, readonly string[]> = {
  dispatch: [
    `UPDATE pilot_tasks t SET state = 'running', agent = c.agent, started_at = NULL
      FROM unnest(?::bigint[], ?::int[], ?::text[]) AS c(id, attempt, agent) WHERE t.id = c.id AND t.attempt = c.attempt`,
    `INSERT INTO pilot_attempts (task, attempt, agent, dispatched_at)
      SELECT * FROM unnest(?::bigint[], ?::int[], ?::text[], ?::bigint[])`,
  ],
  start: [
    `UPDATE pilot_tasks t SET started_at = c.at FROM unnest(?::bigint[], ?::int[], ?::bigint[]) AS c(id, attempt, at)
      WHERE t.id = c.id AND t.attempt = c.attempt AND t.state = 'running'`,
    `UPDATE pilot_attempts a SET started_at = c.at FROM unnest(?::bigint[], ?::int[], ?::bigint[]) AS c(id, attempt, at)
      WHERE a.task = c.id AND a.attempt = c.attempt`,
  ],
  finish: [
    `UPDATE pilot_tasks t SET state = c.outcome, exit_code = c.exit_code, signal = c.signal, reason = c.reason,
        started_at = COALESCE(t.started_at, c.started), ended_at = c.at
      FROM unnest(?::bigint[], ?::int[], ?::text[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])
        AS c(id, attempt, outcome, exit_code, signal, reason, started, at)
      WHERE t.id = c.id AND t.attempt = c.attempt`,
    `UPDATE pilot_attempts a SET outcome = c.outcome, exit_code = c.exit_code, started_at = COALESCE(a.started_at, c.started),
        ended_at = c.at
      FROM unnest(?::bigint[], ?::int[], ?::text[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])
        AS c(id, attempt, outcome, exit_code, signal, reason, started, at)
      WHERE a.task = c.id AND a.attempt = c.attempt`,
  ],
  requeue: [
    `UPDATE pilot_tasks t SET state = 'queued', attempt = t.attempt + 1, agent = NULL, started_at = NULL
      FROM unnest(?::bigint[], ?::int[], ?::text[], ?::bigint[]) AS c(id, attempt, outcome, at)
      WHERE t.id = c.id AND t.attempt = c.attempt`,
    `UPDATE pilot_attempts a SET outcome = c.outcome, ended_at = c.at
      FROM unnest(?::bigint[], ?::int[], ?::text[], ?::bigint[]) AS c(id, attempt, outcome, at)
      WHERE a.task = c.id AND a.attempt = c.attempt`,
  ],
  cancel: [
    `UPDATE pilot_tasks t SET state = 'cancelled', ended_at = c.at FROM unnest(?::bigint[], ?::bigint[]) AS c(id, at)
      WHERE t.id = c.id AND t.state = 'queued'`,
  ],
};

// One change's values, in the order of its statements' arrays. Times are whole milliseconds.
function values(change: QueueChange): unknown[] {
  const at = Math.round(change.at);
  switch (change.kind) {
    case 'dispatch':
      return [change.id, change.attempt, change.agent, at];
    case 'start':
      return [change.id, change.attempt, at];
    case 'finish': {
      const started = change.startedAt === undefined ? null : Math.round(change.startedAt);
      const { id, attempt, outcome, exitCode, signal, reason } = change;
      return [id, attempt, outcome, exitCode, signal ?? null, reason ?? null, started, at];
    }
    case 'requeue':
      return [change.id, change.attempt, change.outcome, at];
    case 'cancel':
      return [change.id, at];
    default: {
      const never: never = change;
      throw new Error(`unknown queue change ${JSON.stringify(never)}`);
    }
  }
}

// Writes one run of changes of one kind, no task twice.
async function writeRun(tx: SqlTransaction, kind: Kind, run: readonly QueueChange[]): Promise<void> {
  const rows = run.map(values);
  const columns = rows[0]!.map((_, i) => rows.map((row) => row[i]));
  for (const sql of STATEMENTS[kind]) {
    const arrays = (sql.match(/\?/g) ?? []).length;
    await tx.run(sql, columns.slice(0, arrays));
  }
}

// Set in every transaction of changes. Each statement finds its tasks by id in all three partitions, and the running
// and finished ones are small or freshly analyzed when empty, so the planner would scan them once per task: a scan
// that grows with the rows the same statement moves in (1,024 dispatches scanned the running partition 1,024 times,
// two thirds of the statement's time). Index lookups instead; nothing else in the transaction reads by scan.
export const CHANGES_PLANNER = 'SET LOCAL enable_seqscan = off';

// Writes the changes in order, run by run.
export async function writePostgresChanges(tx: SqlTransaction, changes: readonly QueueChange[]): Promise<void> {
  await tx.exec(CHANGES_PLANNER);
  let run: QueueChange[] = [];
  let ids = new Set<number>();
  for (const change of changes) {
    if (run.length > 0 && (run[0]!.kind !== change.kind || ids.has(change.id))) {
      await writeRun(tx, run[0]!.kind, run);
      run = [];
      ids = new Set();
    }
    run.push(change);
    ids.add(change.id);
  }
  if (run.length > 0) await writeRun(tx, run[0]!.kind, run);
}
