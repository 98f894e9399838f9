// Paths' file operations (reference/stdlib-types.md, Path): copyTo, moveTo, renameTo, delete, deleteDir, mkdir,
// mkdirs, setText/write/append, list. Relative targets start at the launch directory, as file() names do.
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Position } from '../../syntax/ast-expressions.js';
import { locate, type EvalContext } from '../eval/context.js';
import { DslRuntimeError } from '../eval/errors.js';
import type { MethodTable } from './method-table.js';
import { absolutePath } from './files.js';
import { pathValue, show, type DslPath } from '../values/values.js';

// Runs a file operation, turning a failure into an error at the call naming the path.
function attempt<T>(ctx: EvalContext, pos: Position, what: string, path: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw new DslRuntimeError(`cannot ${what} \`${path}\`: ${(error as Error).message}`, {
      location: locate(ctx, pos),
      cause: error,
      hint: 'check that the path exists and that its folder is writable',
    });
  }
}

// Where `source` goes when copied or moved to `target`: into it when it is an existing directory (as Nextflow's
// copyTo/moveTo do), else to it.
function destination(ctx: EvalContext, source: DslPath, target: unknown): string {
  const to = absolutePath(ctx, target);
  return existsSync(to) && statSync(to).isDirectory() && !statSync(source.path).isDirectory()
    ? join(to, basename(source.path))
    : to;
}

export const pathOperations: MethodTable<DslPath> = {
  copyTo: (ctx, p, args, pos) =>
    attempt(ctx, pos, 'copy', p.path, () => {
      const to = destination(ctx, p, args[0]);
      mkdirSync(dirname(to), { recursive: true });
      cpSync(p.path, to, { recursive: true, dereference: true });
      return pathValue(to);
    }),
  moveTo: (ctx, p, args, pos) =>
    attempt(ctx, pos, 'move', p.path, () => {
      const to = destination(ctx, p, args[0]);
      mkdirSync(dirname(to), { recursive: true });
      renameSync(p.path, to);
      return pathValue(to);
    }),
  renameTo: (ctx, p, args) => {
    const name = show(args[0]);
    try {
      renameSync(p.path, name.includes('/') ? absolutePath(ctx, name) : resolve(dirname(p.path), name));
      return true;
    } catch {
      return false;
    }
  },
  delete: (_c, p) => {
    if (!existsSync(p.path) || (statSync(p.path).isDirectory() && readdirSync(p.path).length > 0)) return false;
    rmSync(p.path, { recursive: true });
    return true;
  },
  deleteDir: (_c, p) => {
    if (!existsSync(p.path)) return false;
    rmSync(p.path, { recursive: true, force: true });
    return true;
  },
  mkdir: (_c, p) => {
    if (existsSync(p.path) || !existsSync(dirname(p.path))) return false;
    mkdirSync(p.path);
    return true;
  },
  mkdirs: (_c, p) => {
    if (existsSync(p.path)) return false;
    mkdirSync(p.path, { recursive: true });
    return true;
  },
  setText: (ctx, p, args, pos) => attempt(ctx, pos, 'write', p.path, () => void writeFileSync(p.path, show(args[0]))),
  write: (ctx, p, args, pos) => attempt(ctx, pos, 'write', p.path, () => void writeFileSync(p.path, show(args[0]))),
  append: (ctx, p, args, pos) =>
    attempt(ctx, pos, 'append to', p.path, () => void appendFileSync(p.path, show(args[0]))),
  list: (ctx, p, _a, pos) => attempt(ctx, pos, 'list', p.path, () => readdirSync(p.path).sort()),
};
