// The launchers of one local backend: grows when every launcher is busy (up to a cap), reuses idle ones, and,
// once capped, queues a second line in a busy launcher's pipe so it starts its next task without a round trip.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLauncher, type Launcher, type TaskOutput } from './launcher.js';
import type { LauncherEvent } from './protocol.js';

// A launcher and its jobs in the order it runs them: the first runs, the rest wait in its stdin pipe.
export interface Slot<J> {
  readonly launcher: Launcher;
  readonly jobs: J[];
}

export interface LauncherPoolOptions<J> {
  readonly cwd: string;
  readonly stdout: TaskOutput;
  readonly stderr: TaskOutput;
  readonly onEvent: (slot: Slot<J>, event: LauncherEvent) => void;
  readonly onExit: (slot: Slot<J>, reason: string) => void;
  readonly maxLaunchers?: number | undefined; // cap on launchers; unset: one per concurrent job
  readonly depth?: number | undefined; // jobs a capped launcher may hold, the running one included (default 1)
  readonly measure?: boolean | undefined; // launchers report each task's CPU time and I/O (launcher-script.ts)
  readonly dieWithPipe?: boolean | undefined; // running tasks end when this process dies (launcher.ts)
}

export interface LauncherPool<J> {
  // An idle launcher, a new one when all are busy, or (capped) the least loaded one with room; undefined when full.
  acquire(): Slot<J> | undefined;
  // Forgets a launcher's first job (it ended); the launcher is idle again when it holds none.
  release(slot: Slot<J>): void;
  readonly size: number;
  // Marks a job id that waits in a launcher's pipe so the launcher drops it instead of starting it.
  withdraw(id: string): void;
  // Ends every launcher (stdin EOF) and resolves when all have exited.
  close(): Promise<void>;
}

// Creates an empty pool; launchers start on first demand.
export function createLauncherPool<J>(opts: LauncherPoolOptions<J>): LauncherPool<J> {
  const all = new Set<Slot<J>>();
  const idle: Slot<J>[] = [];
  let scratch: string | undefined;
  let started = 0;
  let closing = false;

  // Starts one more launcher, with its own stderr slot file in the pool's scratch dir.
  const spawnSlot = (): Slot<J> => {
    scratch ??= mkdtempSync(join(tmpdir(), 'pipe-local-'));
    started += 1;
    const slot: Slot<J> = {
      launcher: startLauncher({
        cwd: opts.cwd,
        slotFile: join(scratch, `stderr-${started}`),
        skipPrefix: join(scratch, 'skip-'),
        stdout: opts.stdout,
        stderr: opts.stderr,
        measure: opts.measure === true,
        dieWithPipe: opts.dieWithPipe,
        onEvent: (event) => opts.onEvent(slot, event),
        onExit: (reason) => {
          all.delete(slot);
          const at = idle.indexOf(slot);
          if (at >= 0) idle.splice(at, 1);
          opts.onExit(slot, reason);
        },
      }),
      jobs: [],
    };
    all.add(slot);
    return slot;
  };

  const depth = opts.maxLaunchers === undefined ? 1 : Math.max(1, opts.depth ?? 1);
  // The least loaded launcher that can still hold a job, once the cap is reached.
  const withRoom = (): Slot<J> | undefined => {
    let best: Slot<J> | undefined;
    for (const slot of all)
      if (slot.jobs.length < depth && (best === undefined || slot.jobs.length < best.jobs.length)) best = slot;
    return best;
  };

  return {
    acquire() {
      const slot =
        idle.pop() ?? (opts.maxLaunchers === undefined || all.size < opts.maxLaunchers ? spawnSlot() : withRoom());
      slot?.launcher.setBusy(true);
      return slot;
    },
    release(slot) {
      slot.jobs.shift();
      if (slot.jobs.length > 0 || closing) return; // while closing, every launcher keeps Node alive until it exits
      slot.launcher.setBusy(false);
      if (all.has(slot)) idle.push(slot);
    },
    get size() {
      return all.size;
    },
    withdraw(id) {
      if (scratch !== undefined && /^[\w.-]+$/.test(id)) writeFileSync(join(scratch, `skip-${id}`), '');
    },
    async close() {
      closing = true;
      // Before the launchers end, so that they find nothing left to remove (see launcher-script.ts).
      if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
      const exits = [...all].map((slot) => {
        slot.launcher.setBusy(true); // keep Node alive until the launcher has gone
        slot.launcher.end();
        return slot.launcher.exited;
      });
      await Promise.all(exits);
      idle.length = 0;
      if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
      scratch = undefined;
    },
  };
}
