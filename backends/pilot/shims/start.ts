// Starting the shims' gateway once: the first shim that finds no gateway runs `pipe shims --start STATE`, which
// takes a lock file (O_EXCL; a lock whose holder is gone is broken), starts the gateway detached unless another
// shim already did, and waits until it answers. Concurrent first calls thus start one gateway between them.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PipeError } from '../../../engine/errors.js';
import { pipeMain } from '../launch/launcher.js';
import { GATEWAY_FILE, readShimsConfig } from './shim-files.js';

const START_TIMEOUT_MS = 30_000;
const STALE_LOCK_MS = 60_000;

// Whether the gateway of a state dir accepts connections.
export async function gatewayAnswers(stateDir: string): Promise<boolean> {
  let port: number;
  try {
    port = Number(readFileSync(join(stateDir, GATEWAY_FILE), 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(port) || port <= 0) return false;
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

// Whether a lock file's holder is gone (its pid not running) or the lock is older than any start takes.
function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

// Takes the start lock, or returns false when another process holds it.
function tryLock(lock: string): boolean {
  try {
    const fd = openSync(lock, 'wx', 0o600);
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (lockIsStale(lock)) rmSync(lock, { force: true });
    return false;
  }
}

// Makes sure the state dir's gateway runs; resolves once it answers.
export async function ensureGateway(stateDir: string): Promise<void> {
  const lock = join(stateDir, 'start.lock');
  const log = join(stateDir, 'gateway.log');
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await gatewayAnswers(stateDir)) return;
    if (!tryLock(lock)) {
      await sleep(50);
      continue;
    }
    try {
      if (await gatewayAnswers(stateDir)) return;
      rmSync(join(stateDir, GATEWAY_FILE), { force: true });
      const { launchDir } = readShimsConfig(stateDir);
      const logFd = openSync(log, 'a');
      const child = spawn(process.execPath, [pipeMain(), 'shims', '--daemon', stateDir], {
        cwd: launchDir,
        detached: true,
        stdio: ['ignore', logFd, logFd],
      });
      closeSync(logFd);
      let exited: string | undefined;
      child.once('exit', (code, signal) => (exited = signal ?? `exit ${code}`));
      child.unref();
      while (Date.now() < deadline && exited === undefined) {
        if (await gatewayAnswers(stateDir)) return;
        await sleep(25);
      }
      throw new PipeError(`The shims gateway did not start (${exited ?? 'no answer in 30 s'})`, {
        hint: `See ${log}.`,
      });
    } finally {
      rmSync(lock, { force: true });
    }
  }
  throw new PipeError('The shims gateway did not start within 30 s', { hint: `See ${log}.` });
}
