// The launch-directory lock: one run at a time per directory; a lock whose process is gone is broken.
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileSystemError, LockError } from './errors.js';
import { processStartTime, sameProcessAlive } from './process-alive.js';

export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly runId: string;
  readonly startedAt: number;
  readonly pidStart?: string | undefined; // the holder's start time (processStartTime), to detect a reused pid
}

export interface Lock {
  readonly path: string;
  release(): void;
}

// A lock file that cannot be parsed is taken for one being written for this long, then for debris.
export const UNPARSABLE_GRACE_MS = 10_000;
const ATTEMPTS = 200;

type Held =
  | { readonly kind: 'gone' }
  | { readonly kind: 'live'; readonly info: LockInfo }
  | { readonly kind: 'young'; readonly ageMs: number }
  | { readonly kind: 'stale'; readonly text: string };

// Reads a file's text, or undefined when it is missing.
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

// Parses lock content, or undefined when it is not a lock record.
function parseLock(text: string): LockInfo | undefined {
  try {
    const info = JSON.parse(text) as Partial<LockInfo> | null;
    if (typeof info?.pid !== 'number' || typeof info.host !== 'string' || typeof info.runId !== 'string') {
      return undefined;
    }
    return info as LockInfo;
  } catch {
    return undefined;
  }
}

// Judges the lock at `path`: missing, held by a live run, too young to judge, or stale.
function inspect(path: string, host: string): Held {
  const text = readText(path);
  if (text === undefined) return { kind: 'gone' };
  const info = parseLock(text);
  if (info === undefined) {
    let ageMs: number;
    try {
      ageMs = Date.now() - statSync(path).mtimeMs;
    } catch {
      return { kind: 'gone' };
    }
    return ageMs < UNPARSABLE_GRACE_MS ? { kind: 'young', ageMs } : { kind: 'stale', text };
  }
  if (info.host !== host || sameProcessAlive(info.pid, info.pidStart)) return { kind: 'live', info };
  return { kind: 'stale', text };
}

// Waits a few milliseconds without returning to the event loop (lock taking is synchronous).
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Removes a stale lock whose content is still `text`, one breaker at a time: without the guard, a breaker that
// judged the old lock stale could remove the lock another process took after the first breaker removed it.
function breakStale(path: string, text: string): void {
  const guard = `${path}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A guard left by a breaker killed in its few microseconds of work is removed after the grace period.
    try {
      if (Date.now() - statSync(guard).mtimeMs > UNPARSABLE_GRACE_MS) rmSync(guard, { force: true });
    } catch {
      // gone meanwhile
    }
    pause(5);
    return;
  }
  try {
    if (readText(path) === text) rmSync(path, { force: true });
  } finally {
    closeSync(fd);
    rmSync(guard, { force: true });
  }
}

// Puts `content` at `path` only if nothing is there, all at once: written to a private file, then hard-linked.
// A reader never sees a half-written lock. Where hard links are not supported, falls back to O_EXCL + write.
function createExclusive(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temp, content, { mode: 0o644, flag: 'wx' });
  } catch (error) {
    rmSync(temp, { force: true });
    throw fileSystemError(error, 'write the run lock', temp);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    try {
      writeFileSync(path, content, { mode: 0o644, flag: 'wx' });
      return true;
    } catch (fallbackError) {
      if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

// The error for a lock held by a live run, with a hint that says how to stop it or remove the lock.
function heldError(info: LockInfo, stateDir: string, path: string, host: string): LockError {
  const where = stateDir.replace(/\/\.pipe$/, '');
  const hint =
    info.host === host
      ? `wait for it to finish or stop it (kill ${info.pid}); if pid ${info.pid} is not a pipe run, remove the lock: rm ${path}`
      : `it runs on host ${info.host}; if it is no longer running there, remove the lock: rm ${path}`;
  return new LockError(`another pipe run (${info.runId}, pid ${info.pid} on ${info.host}) is active in ${where}`, {
    hint,
  });
}

// Takes the lock in `stateDir` (the .pipe folder) for this process, breaking a stale one.
export function acquireLock(stateDir: string, runId: string): Lock {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, 'lock');
  const host = hostname();
  const info: LockInfo = {
    pid: process.pid,
    host,
    runId,
    startedAt: Date.now(),
    pidStart: processStartTime(process.pid),
  };
  const content = JSON.stringify(info);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(path, content)) {
      return {
        path,
        release() {
          if (readText(path) === content) rmSync(path, { force: true });
        },
      };
    }
    const held = inspect(path, host);
    if (held.kind === 'live') throw heldError(held.info, stateDir, path, host);
    if (held.kind === 'young') {
      throw new LockError(`another pipe run is starting in ${stateDir.replace(/\/\.pipe$/, '')}`, {
        hint: `its lock ${path} cannot be read yet; if no pipe run is starting there, remove it: rm ${path}`,
      });
    }
    if (held.kind === 'stale') breakStale(path, held.text);
  }
  throw new LockError(`cannot take the lock ${path}`, {
    hint: `other processes keep taking and breaking it; if no pipe run is active there, remove it: rm ${path}`,
  });
}
