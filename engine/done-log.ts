// Done logs: the keys of light tasks that exited 0, appended by the backend's launcher as each one ends, one file per
// run. The store learns of an end a moment later (group commit); after a kill -9 of pipe, a resume reads these
// files so that a task that finished, recorded or not, is not run again.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The done log of a run under the state dir (.pipe/done/RUN.keys).
export function doneLogPath(stateDir: string, runId: string): string {
  return join(stateDir, 'done', `${runId}.keys`);
}

// Creates the folder of the done logs.
export function prepareDoneLogs(stateDir: string): void {
  mkdirSync(join(stateDir, 'done'), { recursive: true });
}

// Adds to `completed` (key → run id) the keys the done logs of these runs hold and the store does not.
export function readDoneLogs(
  stateDir: string,
  runIds: readonly string[],
  completed: { has(key: string): boolean; set(key: string, runId: string): unknown },
): number {
  let added = 0;
  for (const runId of runIds) {
    let text: string;
    try {
      text = readFileSync(doneLogPath(stateDir, runId), 'utf8');
    } catch {
      continue; // a run that ended cleanly left none
    }
    for (const key of text.split('\n')) {
      // A torn last line (the launcher was killed mid-write) is shorter than a key and matches nothing.
      if (key === '' || completed.has(key)) continue;
      completed.set(key, runId);
      added += 1;
    }
  }
  return added;
}

// Removes the done logs of runs whose tasks are all in the store.
export function removeDoneLogs(stateDir: string, runIds: readonly string[]): void {
  for (const runId of runIds) rmSync(doneLogPath(stateDir, runId), { force: true });
}
