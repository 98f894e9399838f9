// `pipe clean`: removes the work dirs and records of chosen runs, as `nextflow clean`: -n lists, -f removes, -k
// keeps the logs and records. A work dir another kept run uses is kept, and so is a run whose tasks the latest run
// of a workflow would reuse on --resume, unless that run is named.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { acquireLock } from '../../engine/lock.js';
import type { Store } from '../../engine/store/store.js';
import { doneLogPath } from '../../engine/done-log.js';
import { runHistory, selectRuns, type HistoryEntry } from './run-history.js';
import { openExistingStore } from './store-access.js';

export interface CleanOptions {
  readonly dryRun?: boolean | undefined;
  readonly force?: boolean | undefined;
  readonly keepLogs?: boolean | undefined;
  readonly quiet?: boolean | undefined;
  readonly before?: string | undefined;
  readonly after?: string | undefined;
  readonly but?: string | undefined;
}

// Files of a work dir that -k keeps: the wrapper's scripts and logs, and the exit code.
function isLogFile(name: string): boolean {
  return name.startsWith('.command.') || name === '.exitcode';
}

// Ids of the runs whose records the latest run of each workflow needs to --resume: itself and, when it did not
// succeed (it may have stopped before reaching every task), the runs it resumed that hold finished tasks it lacks.
function neededForResume(store: Store, history: readonly HistoryEntry[]): Set<string> {
  const latest = new Map<string, HistoryEntry>();
  for (const entry of history) latest.set(entry.run.workflow, entry);
  const needed = new Set<string>();
  for (const { run } of latest.values()) {
    needed.add(run.id);
    if (run.status === 'succeeded') continue;
    const own = store.completedKeys([run.id]);
    for (const earlier of store.lineage(run.id).slice(1)) {
      if ([...store.completedKeys([earlier.id]).keys()].some((key) => !own.has(key))) needed.add(earlier.id);
    }
  }
  return needed;
}

// The work dirs of a run's tasks.
function workDirsOf(store: Store, runId: string): Set<string> {
  const dirs = new Set<string>();
  for (const task of store.tasks({ runId })) if (task.workDir !== undefined) dirs.add(task.workDir);
  return dirs;
}

// Empties a work dir but for its logs (-k), or removes it.
function removeWorkDir(dir: string, keepLogs: boolean): void {
  if (!keepLogs) return rmSync(dir, { recursive: true, force: true });
  for (const name of readdirSync(dir)) if (!isLogFile(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

// Runs `pipe clean`; resolves to the exit code.
export async function cleanCommand(runs: readonly string[], options: CleanOptions): Promise<number> {
  const dryRun = options.dryRun === true;
  const keepLogs = options.keepLogs === true;
  if (!dryRun && options.force !== true) {
    throw new UsageError('neither -f nor -n given: refused to clean', {
      hint: '`pipe clean -n` lists what would be removed; `pipe clean -f` removes it',
    });
  }
  const stateDir = join(process.cwd(), '.pipe');
  const store = openExistingStore();
  const lock = dryRun ? undefined : acquireLock(stateDir, 'clean');
  const out: string[] = [];
  const say = (line: string): void => {
    if (options.quiet !== true || dryRun) out.push(line);
  };
  try {
    const history = runHistory(store);
    const selected = selectRuns(history, { runs, before: options.before, after: options.after, but: options.but });
    // Runs named on the command line (no selection at all names the last run, as Nextflow's default `last`).
    const byOrder = options.before === undefined && options.after === undefined && options.but === undefined;
    const named = new Set(byOrder ? selected.map((e) => e.run.id) : []);
    const needed = neededForResume(store, history);
    const targets = selected.filter((e) => {
      if (!needed.has(e.run.id) || named.has(e.run.id) || keepLogs) return true;
      say(`Kept ${e.name}: the latest run of its workflow reuses its tasks on --resume (name it to clean it)`);
      return false;
    });
    const chosen = new Set(targets.map((e) => e.run.id));
    const inUse = new Set<string>();
    for (const { run } of history) if (!chosen.has(run.id)) for (const dir of workDirsOf(store, run.id)) inUse.add(dir);
    const removed = new Set<string>();
    for (const { run, name } of targets) {
      for (const dir of workDirsOf(store, run.id)) {
        if (inUse.has(dir) || removed.has(dir) || !existsSync(dir) || !statSync(dir).isDirectory()) continue;
        removed.add(dir);
        const what = keepLogs ? `temp files from ${dir}` : dir;
        if (dryRun) say(`Would remove ${what}`);
        else {
          removeWorkDir(dir, keepLogs);
          say(`Removed ${what}`);
        }
      }
      if (keepLogs) continue;
      if (dryRun) say(`Would remove the record of run ${name}`);
      else {
        store.deleteRun(run.id);
        rmSync(join(stateDir, 'logs', run.id), { recursive: true, force: true });
        rmSync(doneLogPath(stateDir, run.id), { force: true });
        say(`Removed the record of run ${name}`);
      }
    }
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    lock?.release();
    store.close();
  }
}
