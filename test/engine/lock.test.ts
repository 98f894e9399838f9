import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, utimesSync, readdirSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockError } from '../../engine/errors.js';
import { acquireLock, UNPARSABLE_GRACE_MS } from '../../engine/lock.js';
import { processStartTime } from '../../engine/process-alive.js';

const stateDir = (): string => join(mkdtempSync(join(tmpdir(), 'pipe-lock-')), '.pipe');

describe('launch-directory lock', () => {
  it('records the pid, host and process start time of the run that holds it', () => {
    const dir = stateDir();
    const lock = acquireLock(dir, 'r1');
    const info = JSON.parse(readFileSync(lock.path, 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, host: hostname(), runId: 'r1' });
    expect(info.pidStart).toBe(processStartTime(process.pid));
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a second run while the first holds the lock, saying how to remove it', () => {
    const dir = stateDir();
    const lock = acquireLock(dir, 'r1');
    expect(() => acquireLock(dir, 'r2')).toThrow(LockError);
    expect(() => acquireLock(dir, 'r2')).toThrow(/another pipe run \(r1, pid \d+/);
    try {
      acquireLock(dir, 'r2');
    } catch (error) {
      expect((error as LockError).hint).toContain(`rm ${join(dir, 'lock')}`);
    }
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

  it('breaks a lock naming a live pid that is another process than the one that took it (pid reuse)', () => {
    const dir = stateDir();
    const other = spawn('sleep', ['30']);
    try {
      acquireLock(dir, 'x').release();
      const lock = { pid: other.pid, host: hostname(), runId: 'old', startedAt: 0, pidStart: '1' };
      writeFileSync(join(dir, 'lock'), JSON.stringify(lock));
      const taken = acquireLock(dir, 'new');
      expect(JSON.parse(readFileSync(taken.path, 'utf8')).runId).toBe('new');
      taken.release();
    } finally {
      other.kill();
    }
  });

  it('keeps a live lock whose process start time matches', () => {
    const dir = stateDir();
    const other = spawn('sleep', ['30']);
    try {
      acquireLock(dir, 'x').release();
      const pidStart = processStartTime(other.pid as number);
      const lock = { pid: other.pid, host: hostname(), runId: 'old', startedAt: 0, pidStart };
      writeFileSync(join(dir, 'lock'), JSON.stringify(lock));
      expect(() => acquireLock(dir, 'new')).toThrow(/another pipe run \(old/);
    } finally {
      other.kill();
    }
  });

  it('takes an unreadable lock for one being written until the grace period has passed', () => {
    const dir = stateDir();
    acquireLock(dir, 'x').release();
    const path = join(dir, 'lock');
    writeFileSync(path, '');
    expect(() => acquireLock(dir, 'new')).toThrow(/another pipe run is starting/);
    const old = (Date.now() - UNPARSABLE_GRACE_MS - 1000) / 1000;
    utimesSync(path, old, old);
    const lock = acquireLock(dir, 'new');
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).runId).toBe('new');
    lock.release();
  });
});
