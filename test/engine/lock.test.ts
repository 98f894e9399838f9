import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockError } from '../../engine/errors.js';
import { acquireLock } from '../../engine/lock.js';

const stateDir = (): string => join(mkdtempSync(join(tmpdir(), 'pipe-lock-')), '.pipe');

describe('launch-directory lock', () => {
  it('records the pid and host of the run that holds it', () => {
    const dir = stateDir();
    const lock = acquireLock(dir, 'r1');
    const info = JSON.parse(readFileSync(lock.path, 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, host: hostname(), runId: 'r1' });
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses a second run while the first holds the lock', () => {
    const dir = stateDir();
    const lock = acquireLock(dir, 'r1');
    expect(() => acquireLock(dir, 'r2')).toThrow(LockError);
    expect(() => acquireLock(dir, 'r2')).toThrow(/another pipe run \(r1, pid \d+/);
    lock.release();
  });

  it('breaks a stale lock whose process is gone', () => {
    const dir = stateDir();
    const dead = spawnSync('true').pid as number;
    acquireLock(dir, 'old').release();
    writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: dead, host: hostname(), runId: 'old', startedAt: 0 }));
    const lock = acquireLock(dir, 'new');
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).runId).toBe('new');
    lock.release();
  });
});
