// A page of the tasks a run reused by row id ranges from one earlier run (engine/store/task-reuse.ts), for the web
// views: that run's rows walked in task id order (its primary key), each kept when one of the run's ranges holds its
// row id (one index seek), so a page of a million reused tasks reads about a page of rows.
import { reusedColumns } from '../../engine/store/task-reuse.js';
import { tagPath } from '../../engine/store/task-reader.js';

interface RangedFilter {
  readonly step?: string | undefined;
  readonly tag?: readonly [string, string] | undefined;
  readonly text?: string | undefined;
}

// Adds a filter's step, tag and text clauses on the task rows named `alias` (the web views' filters; a reused
// task's state is always `cached`, so the state clause is the caller's).
export function pushFilterClauses(alias: string, filter: RangedFilter, where: string[], params: unknown[]): void {
  if (filter.step !== undefined) {
    where.push(`${alias}.step_id = ?`);
    params.push(filter.step);
  }
  if (filter.tag !== undefined) {
    where.push(`json_extract(${alias}.tags, ?) = ?`);
    params.push(tagPath(filter.tag[0]), filter.tag[1]);
  }
  if (filter.text !== undefined && filter.text !== '') {
    const [id, command, tags] = [`${alias}.task_id`, `${alias}.command`, `${alias}.tags`];
    where.push(`(instr(${id}, ?) > 0 OR instr(${command}, ?) > 0 OR instr(coalesce(${tags}, ''), ?) > 0)`);
    params.push(filter.text, filter.text, filter.text);
  }
}

// The SQL and parameters of the page (less its LIMIT's, the last `?`) of `runId`'s tasks reused from `source`'s rows.
export function rangedPageSql(
  runId: string,
  source: string,
  filter: RangedFilter,
  afterId: string | undefined,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [runId, source, runId, source];
  const where = [
    's.run_id = ?',
    `(SELECT r.last_row FROM task_reuse r WHERE r.run_id = ? AND r.source_run = ? AND r.first_row <= s.rowid
      ORDER BY r.first_row DESC LIMIT 1) >= s.rowid`,
  ];
  pushFilterClauses('s', filter, where, params);
  if (afterId !== undefined) {
    where.push('s.task_id > ?');
    params.push(afterId);
  }
  return {
    sql: `SELECT ${reusedColumns('?')} FROM tasks s WHERE ${where.join(' AND ')} ORDER BY s.task_id LIMIT ?`,
    params,
  };
}
