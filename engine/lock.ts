// The launch-directory lock: one run at a time per directory; a lock whose process is gone is broken.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LockError } from './errors.js';
import { processAlive } from './process-alive.js';

export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly runId: string;
  readonly startedAt: number;
}

export interface Lock {
  readonly path: string;
  release(): void;
}

// Reads the lock file, or undefined when it is missing or unreadable.
function readLock(path: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

// Takes the lock in `stateDir` (the .pipe folder) for this process, breaking a stale one.
export function acquireLock(stateDir: string, runId: string): Lock {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, 'lock');
  const info: LockInfo = { pid: process.pid, host: hostname(), runId, startedAt: Date.now() };
  for (let tries = 0; tries < 3; tries++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readLock(path);
      const stale = held === undefined || (held.host === info.host && !processAlive(held.pid));
      if (!stale) {
        throw new LockError(
          `another pipe run (${held.runId}, pid ${held.pid} on ${held.host}) is active in ${stateDir.replace(/\/\.pipe$/, '')}`,
          {
            hint:
              held.host === info.host
                ? 'wait for it to finish, or stop it with Ctrl-C; use another directory to run both at once'
                : `it runs on host ${held.host}; if it is gone, remove ${path}`,
          },
        );
      }
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, JSON.stringify(info));
    closeSync(fd);
    return {
      path,
      release() {
        const current = readLock(path);
        if (current?.pid === info.pid && current.host === info.host) rmSync(path, { force: true });
      },
    };
  }
  throw new LockError(`cannot take the lock ${path}`, { hint: 'check that the directory is writable' });
}
