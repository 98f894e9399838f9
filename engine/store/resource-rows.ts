// Mapping between an attempt's resource figures and its row in `task_resources`.
import { RESOURCE_FIELDS, resourcesFromValues, type TaskResources } from '../resources.js';
import type { Database } from 'better-sqlite3';
import { resourceKey, type TaskRecord } from './store.js';

// Columns of `task_resources`: the attempt's key, then one per RESOURCE_FIELDS entry, in that order.
export const RESOURCE_COLUMNS = [
  'run_id',
  'task_id',
  'attempt',
  'realtime_ms',
  'cpu_ms',
  'peak_rss',
  'peak_vmem',
  'rchar',
  'wchar',
  'read_bytes',
  'write_bytes',
  'syscr',
  'syscw',
  'gpu_util',
  'peak_gpu_mem',
] as const;

// Writes `rows` attempts' figures in one statement. A row replaces the attempt's earlier one, if any, as an upsert
// of every column would, with less of SQLite's work a row (no update step).
export function replaceResourcesSql(rows: number): string {
  const row = `(${RESOURCE_COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT OR REPLACE INTO task_resources (${RESOURCE_COLUMNS.join(', ')}) VALUES ${Array<string>(rows).fill(row).join(', ')}`;
}

// Bind parameters of a task record's resources, in RESOURCE_COLUMNS order (integers where the column is BIGINT).
export function resourceParams(t: TaskRecord): unknown[] {
  const params = new Array<unknown>(RESOURCE_COLUMNS.length);
  putResourceParams(t, params, 0);
  return params;
}

// Puts those parameters into `params` from `offset` on (a many-row statement's parameters, filled again per use).
export function putResourceParams(t: TaskRecord, params: unknown[], offset: number): void {
  const r = t.resources ?? {};
  params[offset] = t.runId;
  params[offset + 1] = t.taskId;
  params[offset + 2] = t.attempt;
  for (let i = 0; i < RESOURCE_FIELDS.length; i++) {
    const field = RESOURCE_FIELDS[i]!;
    const v = r[field];
    params[offset + 3 + i] = v === undefined || v === null ? null : field === 'gpuUtilPercent' ? v : Math.round(v);
  }
}

// The figures of a row selected with RESOURCE_COLUMNS.
export function resourcesFromRow(row: readonly unknown[]): TaskResources {
  return resourcesFromValues(row.slice(3));
}

// Reads the figures of a run's attempts, by resourceKey(taskId, attempt).
export function createResourceReader(db: Database): { read(runId: string): Map<string, TaskResources> } {
  const select = db
    .prepare<unknown[]>(`SELECT ${RESOURCE_COLUMNS.join(', ')} FROM task_resources WHERE run_id = ?`)
    .raw();
  return {
    read(runId) {
      const out = new Map<string, TaskResources>();
      for (const row of select.all(runId) as unknown[][])
        out.set(resourceKey(row[1] as string, row[2] as number), resourcesFromRow(row));
      return out;
    },
  };
}
