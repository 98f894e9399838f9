// The `storeDir` directive: a permanent cache of a process's outputs. A task whose declared outputs are all in its
// storeDir is not run (`[skipping] Stored process > NAME` in the log) and emits the stored files; a task that runs
// has its output files moved there (copied with `stageOutMode 'copy'` or `'rsync'`), and emits them from there.
import { cpSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isInside } from '../../../common/contained-path.js';
import type { EvalContext } from '../eval/context.js';
import { emitTaskOutputs, type ProcessCall } from './state.js';
import { collectOutput, MissingOutput } from './outputs.js';
import { show } from '../values/values.js';

// The storeDir a task's directive names, absolute (relative to the launch dir), or undefined.
export function storeDirOf(value: unknown, launchDir: string): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const text = show(value);
  return isAbsolute(text) ? text : resolve(launchDir, text);
}

// Whether the task's outputs are all in its storeDir: then they are emitted from there, the skip is logged as
// Nextflow logs it, and no task runs.
export function skipIfStored(
  call: ProcessCall,
  ctx: EvalContext,
  storeDir: string,
  name: string,
  index: number,
): boolean {
  const stored = storedOutputs(call, ctx, storeDir);
  if (stored === undefined) return false;
  call.ctx.module.runtime.console.log('info', `[skipping] Stored process > ${name}`);
  emitTaskOutputs(call, index, stored);
  return true;
}

// The task's output values collected from its storeDir, or undefined when a required one is missing there (then the
// task runs). A process with no file outputs is never stored: there is nothing to find.
function storedOutputs(call: ProcessCall, ctx: EvalContext, storeDir: string): unknown[] | undefined {
  const fileOutputs = call.def.outputs.some(
    (d) => d.qualifier === 'path' || d.qualifier === 'file' || d.components.some((c) => c.qualifier !== 'val'),
  );
  if (!fileOutputs) return undefined;
  try {
    return call.def.outputs.map((decl) => collectOutput(ctx, decl, storeDir, new Set(), []));
  } catch (error) {
    if (error instanceof MissingOutput) return undefined;
    throw error;
  }
}

// Moves (or copies) a finished task's output files from its work dir into the storeDir, under the same relative
// names, replacing what was there.
export function storeFiles(workDir: string, storeDir: string, files: readonly string[], mode: string): void {
  for (const file of files) {
    if (!isInside(workDir, file)) continue;
    const target = join(storeDir, relative(workDir, file));
    mkdirSync(dirname(target), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    if (mode === 'move') {
      try {
        renameSync(file, target);
        continue;
      } catch {
        // another file system: copy below
      }
    }
    cpSync(file, target, { recursive: true, dereference: true });
  }
}
