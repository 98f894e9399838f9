// The status snapshots: the output of the status command lines Nextflow's grid executors run, kept by the gateway in
// STATE/status/ so that the fast `squeue` and `qstat` scripts (fast-shims.ts) print them without a round trip. A
// snapshot is kept once its command line was asked for (the first time, with no snapshot yet, the script takes the
// round trip), so only the executor in use costs anything. They are rewritten whole (a temp file, then rename) as
// soon as a job changes state, and once a second for what time alone changes (a job's .exitcode appearing, ended
// jobs leaving the listing). A gateway starting removes those of an earlier one.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { statusSnapshots, STATUS_DIR, type Snapshot } from './fast-shims.js';
import { qstat } from './pbs-status.js';
import { writeAtomic } from './shim-files.js';
import type { JobBook } from './shim-jobs.js';
import { squeue } from './slurm-status.js';

export interface SnapshotWriter {
  changed(): void; // a job changed: rewrite the snapshots now (once per event-loop turn)
  asked(command: string, args: readonly string[]): void; // a status command line was run the round-trip way
  close(): void;
}

// The text of a snapshot over the book now.
export function renderSnapshot(snapshot: Snapshot, book: JobBook, user: string, now: number): string {
  const jobs = book.list();
  return snapshot.command === 'squeue'
    ? squeue(snapshot.args, jobs, book.stateOf, user, now)
    : qstat(snapshot.args, jobs, book.stateOf, now);
}

// Keeps the snapshots of a state dir up to date with a job book.
export function startSnapshots(stateDir: string, book: JobBook, user: string): SnapshotWriter {
  const dir = join(stateDir, STATUS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true });
  const snapshots = statusSnapshots(user);
  const kept = new Set<Snapshot>();
  const written = new Map<string, string>();
  let queued = false;
  const write = (): void => {
    queued = false;
    const now = Date.now();
    for (const s of kept) {
      const text = renderSnapshot(s, book, user, now);
      if (written.get(s.file) === text) continue;
      writeAtomic(join(dir, s.file), text, 0o644);
      written.set(s.file, text);
    }
  };
  const timer = setInterval(() => kept.size > 0 && write(), 1000);
  timer.unref();
  return {
    changed() {
      if (queued) return;
      queued = true;
      setImmediate(write);
    },
    asked(command, args) {
      const s = snapshots.find((x) => x.command === command && sameArgs(x.args, args));
      if (s === undefined || kept.has(s)) return;
      kept.add(s);
      this.changed();
    },
    close: () => clearInterval(timer),
  };
}

// Whether two command lines are the same.
function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
