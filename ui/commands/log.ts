// `pipe log`: the runs of this directory as `nextflow log` prints them, or, given runs, one line per task attempt
// of each with chosen fields (-f), a template (-t) and a filter (-F).
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../../engine/errors.js';
import type { Store, TaskRecord } from '../../engine/store/store.js';
import { closestMatch } from '../../parsers/common/edit-distance.js';
import { traceDuration } from '../trace/nextflow-format.js';
import { isLogField, LOG_FIELDS, taskFields, type LogField } from './log-fields.js';
import { compileLogFilter, type LogFilter } from './log-filter.js';
import { runHistory, selectRuns, type HistoryEntry, type RunSelection } from './run-history.js';
import { openExistingStore } from './store-access.js';
import { resourceLookup } from '../trace/task-resources.js';

export interface LogOptions {
  readonly fields?: string | undefined;
  readonly template?: string | undefined;
  readonly filter?: string | undefined;
  readonly listFields?: boolean | undefined;
  readonly quiet?: boolean | undefined;
  readonly separator?: string | undefined;
  readonly before?: string | undefined;
  readonly after?: string | undefined;
  readonly but?: string | undefined;
}

// A piece of a template: literal text or a field.
type Piece = string | { readonly field: LogField };

// The error for a word that is not a field, with the closest field.
function unknownField(word: string, where: string): UsageError {
  const near = closestMatch(word, LOG_FIELDS);
  return new UsageError(`${where}: no task field \`${word}\``, {
    hint: near === undefined ? 'list the fields with `pipe log -l`' : `did you mean \`${near}\`?`,
  });
}

// Reads a template (`$field`, `${field}`, `\$` for a dollar sign) or, when it names a file, the file's text.
export function parseTemplate(template: string): Piece[] {
  const text = existsSync(template) ? readFileSync(template, 'utf8') : template;
  const pieces: Piece[] = [];
  const pattern = /\\\$|\$\{\s*([A-Za-z_]\w*)\s*\}|\$([A-Za-z_]\w*)/g;
  let last = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    pieces.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[1] ?? m[2];
    if (name === undefined) pieces.push('$');
    else if (isLogField(name)) pieces.push({ field: name });
    else throw unknownField(name, '-t template');
  }
  pieces.push(text.slice(last));
  return pieces.filter((p) => p !== '');
}

// The template of `-f a,b,c`: the fields joined by the separator.
function fieldsTemplate(fields: string, separator: string): Piece[] {
  const names = fields.split(/[,\s]+/).filter((n) => n !== '');
  if (names.length === 0) throw new UsageError('-f names no field', { hint: 'e.g. -f name,status,workdir' });
  return names.flatMap((name, i): Piece[] => {
    if (!isLogField(name)) throw unknownField(name, '-f');
    return i === 0 ? [{ field: name }] : [separator, { field: name }];
  });
}

// Nextflow's history table: padded columns separated by tabs.
function historyTable(history: readonly HistoryEntry[]): string {
  const rows = [
    ['TIMESTAMP', 'DURATION', 'RUN NAME', 'STATUS', 'REVISION ID', 'SESSION ID', 'COMMAND'],
    ...history.map((e) => {
      const { run } = e;
      const status = run.status === 'running' ? '-' : run.status === 'succeeded' ? 'OK' : 'ERR';
      const took = run.finishedAt === undefined ? '-' : traceDuration(run.finishedAt - run.startedAt);
      return [historyTime(run.startedAt), took, e.name, status, e.revision, e.session, e.command];
    }),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] as string).length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] as number))).join('\t'))
    .join('\n');
}

// A run's start as the history prints it: "yyyy-MM-dd HH:mm:ss", local time.
function historyTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return `${date} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

// The task attempts of a run in the order they were submitted; reused ones (never submitted) after, by position.
function tasksOf(store: Store, runId: string): TaskRecord[] {
  const tasks = store.tasks({ runId });
  const order = (t: TaskRecord): number => t.submittedAt ?? Number.MAX_SAFE_INTEGER;
  return tasks.sort((a, b) => order(a) - order(b) || a.idx - b.idx || a.attempt - b.attempt);
}

// Prints one line per task attempt of the selected runs that passes the filter.
function printTasks(store: Store, runs: readonly HistoryEntry[], pieces: readonly Piece[], filter?: LogFilter): void {
  const out: string[] = [];
  for (const { run } of runs) {
    const names = new Map(store.getSteps(run.id).map((s) => [s.stepId, s.name]));
    const lookup = resourceLookup(store, run.id);
    for (const task of tasksOf(store, run.id)) {
      const fields = taskFields(task, names.get(task.stepId) ?? task.stepId, lookup);
      if (filter !== undefined && !filter((name) => fields.raw(name as LogField))) continue;
      out.push(pieces.map((p) => (typeof p === 'string' ? p : fields.text(p.field))).join(''));
    }
  }
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
}

// Runs `pipe log`; resolves to the exit code.
export async function logCommand(runs: readonly string[], options: LogOptions): Promise<number> {
  if (options.listFields === true) {
    process.stdout.write(`${LOG_FIELDS.map((f) => `  ${f}`).join('\n')}\n`);
    return 0;
  }
  if (options.fields !== undefined && options.template !== undefined) {
    throw new UsageError('-f and -t cannot be used together', { hint: 'give the fields with one of them' });
  }
  const separator = options.separator ?? '\t';
  const pieces =
    options.template === undefined
      ? fieldsTemplate(options.fields ?? 'workdir', separator)
      : parseTemplate(options.template);
  const filter = options.filter === undefined ? undefined : compileLogFilter(options.filter, LOG_FIELDS);
  const store = openExistingStore();
  try {
    const history = runHistory(store);
    const selection: RunSelection = { runs, before: options.before, after: options.after, but: options.but };
    const showHistory = runs.length === 0 && [options.before, options.after, options.but].every((o) => !o);
    if (showHistory) {
      if (history.length === 0) throw new UsageError('no runs recorded in this directory', { hint: 'run `pipe run`' });
      const text = options.quiet === true ? history.map((e) => e.name).join('\n') : historyTable(history);
      process.stdout.write(`${text}\n`);
      return 0;
    }
    printTasks(store, selectRuns(history, selection), pieces, filter);
    return 0;
  } finally {
    store.close();
  }
}
