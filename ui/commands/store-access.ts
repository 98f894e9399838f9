// Opening this directory's store for the read-only commands, and choosing a run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { openSqliteStore } from '../../engine/store/sqlite-store.js';
import type { RunRecord, Store } from '../../engine/store/store.js';
import { namedRun } from './run-history.js';

// Opens .pipe/pipe.db in the current directory, or explains that nothing ran here.
export function openExistingStore(dir = process.cwd()): Store {
  const stateDir = join(dir, '.pipe');
  if (!existsSync(join(stateDir, 'pipe.db'))) {
    throw new UsageError(`no pipe runs recorded in ${dir}`, {
      hint: 'run this in the directory where you ran `pipe run`',
    });
  }
  return openSqliteStore(stateDir);
}

// The run a word names (an id, `last`, a .nf run's -name or a unique id prefix, as `pipe log` takes them), or the
// latest run when none is given.
export function pickRun(store: Store, runId: string | undefined): RunRecord {
  if (runId !== undefined) return store.getRun(runId) ?? namedRun(store, runId);
  const run = store.latestRun();
  if (run === undefined) {
    throw new UsageError('no runs recorded in this directory', { hint: 'list the runs with `pipe status --runs`' });
  }
  return run;
}

// The last `lines` lines of a text file, or undefined when it cannot be read or is empty.
export function tailOf(path: string, lines: number): string | undefined {
  try {
    const text = readFileSync(path, 'utf8').replace(/\s+$/, '');
    if (text === '') return undefined;
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return undefined;
  }
}
