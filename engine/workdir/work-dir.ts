// A task's work dir: where it lives, how the engine writes it, and how its completion is read back.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileSystemError } from '../errors.js';
import { renderCommandRun, renderCommandSh, type WrapperOptions } from './command-run.js';

// Nextflow's file names, so that users, tools and Nextflow itself recognise a pipe work dir.
export const WorkDirFile = {
  Script: '.command.sh', // the task's own script (engine)
  Run: '.command.run', // the wrapper every backend runs (engine)
  Begin: '.command.begin', // touched when the task starts (wrapper)
  Out: '.command.out', // stdout (wrapper)
  Err: '.command.err', // stderr (wrapper)
  Log: '.command.log', // combined output (scheduler or backend)
  Trace: '.command.trace', // resource usage (wrapper, when monitoring is on)
  ExitCode: '.exitcode', // completion: an integer, no newline (wrapper)
} as const;
export type WorkDirFile = (typeof WorkDirFile)[keyof typeof WorkDirFile];

export interface WorkDirSpec {
  readonly script: string;
  readonly name: string;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly monitor?: boolean | undefined; // write .command.trace (see renderCommandRun)
  readonly wrapper?: WrapperOptions | undefined;
  readonly direct?: boolean | undefined; // the backend runs .command.sh itself: no .command.run
}

// Returns `<workRoot>/<key[0:2]>/<key[2:32]>`, the work dir of the task with that cache key.
export function workDirFor(workRoot: string, key: string): string {
  if (key.length < 3) throw new RangeError(`Expected a cache key of at least 3 characters, got \`${key}\``);
  return join(workRoot, key.slice(0, 2), key.slice(2, 32));
}

// Creates the work dir and writes .command.sh and .command.run into it (small writes: synchronous on purpose).
export function writeWorkDir(dir: string, spec: WorkDirSpec): void {
  try {
    mkdirSync(resolve(dir), { recursive: true });
  } catch (error) {
    throw fileSystemError(error, 'create the work dir', dir);
  }
  writeWorkDirScripts(dir, spec);
}

// Writes .command.sh and (unless the task runs direct) .command.run into a work dir that exists.
export function writeWorkDirScripts(dir: string, spec: WorkDirSpec): void {
  for (const [path, text] of workDirScripts(dir, spec)) {
    try {
      writeFileSync(path, text, { mode: 0o644 });
    } catch (error) {
      throw fileSystemError(error, 'write', path);
    }
  }
}

// Creates an empty dir at `dir`, replacing whatever an earlier attempt left there: one call and no error to build
// when nothing did (a recursive mkdir tells whether it created `dir`). Synchronous, as are the engine's other small
// work-dir writes: a thread-pool round trip per call costs the engine's thread several times the system call.
export function freshDir(dir: string): void {
  if (mkdirSync(dir, { recursive: true }) !== undefined) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

// The scripts of a work dir and their paths: .command.sh, and .command.run unless the task runs direct.
function workDirScripts(dir: string, spec: WorkDirSpec): Array<[string, string]> {
  const absolute = resolve(dir);
  const scripts: Array<[string, string]> = [[join(absolute, WorkDirFile.Script), renderCommandSh(spec.script)]];
  if (spec.direct === true) return scripts;
  const wrapper = renderCommandRun({
    dir: absolute,
    name: spec.name,
    script: spec.script,
    env: spec.env,
    monitor: spec.monitor,
    wrapper: spec.wrapper,
  });
  scripts.push([join(absolute, WorkDirFile.Run), wrapper]);
  return scripts;
}

// Reads the exit code the wrapper left; undefined while the task has not finished or the file is unreadable.
export function readExitCode(dir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, WorkDirFile.ExitCode), 'utf8');
  } catch {
    return undefined;
  }
  return /^\s*-?\d+\s*$/.test(text) ? Number.parseInt(text, 10) : undefined;
}
