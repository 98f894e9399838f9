// Light tasks on a cluster: a plain command line gets a work dir of the backend's own (its script first changes to
// the launch directory, so relative paths mean what they mean locally); when it ends, its output is passed on.
import { closeSync, mkdirSync, openSync, readFileSync, readSync, fstatSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { shellQuote } from '../../engine/workdir/shell-quote.js';
import { WorkDirFile, writeWorkDir } from '../../engine/workdir/index.js';
import type { PreparedTask } from '../../engine/backend.js';

const ERR_TAIL_BYTES = 64 * 1024;

// Writes the work dir of a light task under `root` and returns it.
export function writeLightWorkDir(root: string, launchDir: string, task: PreparedTask): string {
  const dir = join(root, task.id.replace(/[^A-Za-z0-9._-]/g, '_'));
  rmSync(dir, { recursive: true, force: true });
  // /bin/sh, as the local backend runs a light task's line.
  writeWorkDir(dir, {
    script: `#!/bin/sh\ncd ${shellQuote(launchDir)} || exit 1\n${task.command}`,
    name: task.name,
    env: task.env,
  });
  return dir;
}

// The last `bytes` of a file, or undefined when it cannot be read.
function tail(file: string, bytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

// After a light task ended: passes its stdout on, keeps its stderr tail in errFile when it failed, removes its dir.
// Returns the errFile written, if any.
export function finishLightTask(
  dir: string,
  launchDir: string,
  task: PreparedTask,
  exitCode: number | null,
  output: 'inherit' | 'ignore',
): string | undefined {
  if (output === 'inherit') {
    try {
      const out = readFileSync(join(dir, WorkDirFile.Out));
      if (out.length > 0) process.stdout.write(out);
    } catch {
      // never ran: nothing to pass on
    }
  }
  let errFile: string | undefined;
  if (exitCode !== 0 && task.errFile !== undefined) {
    const kept = tail(join(dir, WorkDirFile.Err), ERR_TAIL_BYTES);
    if (kept !== undefined && kept.length > 0) {
      errFile = resolve(launchDir, task.errFile);
      mkdirSync(dirname(errFile), { recursive: true });
      writeFileSync(errFile, kept);
    }
  }
  removeQuietly(dir);
  return errFile;
}

// Removes a finished light task's dir. The scheduler may still be closing the job's .command.log in it, so
// removal retries, and a dir that still cannot be removed is left for the run's cleanup rather than failing it.
export function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // left behind; harmless
  }
}
