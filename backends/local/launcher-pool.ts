// The launchers of one local backend: grows when every launcher is busy, reuses idle ones, ends them on close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLauncher, type Launcher, type TaskOutput } from './launcher.js';
import type { LauncherEvent } from './protocol.js';

// A launcher and the job it runs, if any.
export interface Slot<J> {
  readonly launcher: Launcher;
  job: J | undefined;
}

export interface LauncherPoolOptions<J> {
  readonly cwd: string;
  readonly stdout: TaskOutput;
  readonly stderr: TaskOutput;
  readonly onEvent: (slot: Slot<J>, event: LauncherEvent) => void;
  readonly onExit: (slot: Slot<J>, reason: string) => void;
}

export interface LauncherPool<J> {
  // An idle launcher, or a new one when all are busy.
  acquire(): Slot<J>;
  // Marks a launcher idle again.
  release(slot: Slot<J>): void;
  readonly size: number;
  // Ends every launcher (stdin EOF) and resolves when all have exited.
  close(): Promise<void>;
}

// Creates an empty pool; launchers start on first demand.
export function createLauncherPool<J>(opts: LauncherPoolOptions<J>): LauncherPool<J> {
  const all = new Set<Slot<J>>();
  const idle: Slot<J>[] = [];
  let scratch: string | undefined;
  let started = 0;

  // Starts one more launcher, with its own stderr slot file in the pool's scratch dir.
  const spawnSlot = (): Slot<J> => {
    scratch ??= mkdtempSync(join(tmpdir(), 'pipe-local-'));
    started += 1;
    const slot: Slot<J> = {
      launcher: startLauncher({
        cwd: opts.cwd,
        slotFile: join(scratch, `stderr-${started}`),
        stdout: opts.stdout,
        stderr: opts.stderr,
        onEvent: (event) => opts.onEvent(slot, event),
        onExit: (reason) => {
          all.delete(slot);
          const at = idle.indexOf(slot);
          if (at >= 0) idle.splice(at, 1);
          opts.onExit(slot, reason);
        },
      }),
      job: undefined,
    };
    all.add(slot);
    return slot;
  };

  return {
    acquire() {
      const slot = idle.pop() ?? spawnSlot();
      slot.launcher.setBusy(true);
      return slot;
    },
    release(slot) {
      slot.job = undefined;
      slot.launcher.setBusy(false);
      if (all.has(slot)) idle.push(slot);
    },
    get size() {
      return all.size;
    },
    async close() {
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
