// Properties and methods of paths: name, baseName, simpleName, extension, parent, text and file tests.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Position } from '../../syntax/ast-expressions.js';
import { locate, type EvalContext } from '../eval/context.js';
import { DslRuntimeError } from '../eval/errors.js';
import type { MethodTable } from './method-table.js';
import { stringMethods } from './string-methods.js';
import { pathOperations } from './path-operations.js';
import { isClosure, pathValue, show, type DslPath } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';
import { fetchTextSync, isHttpUrl } from './remote-text.js';
import { isRemoteUri } from '../../../../engine/staging/uri.js';

// Reads a file's text, naming the path when it cannot.
function readText(ctx: EvalContext, p: DslPath, pos: Position): string {
  const remote = isHttpUrl(p.path);
  if (!remote && isRemoteUri(p.path))
    throw scriptError(
      ctx,
      pos,
      `cannot read \`${p.path}\` in the script: only http(s) files are read there`,
      'give the file to a process as a `path` input, which stages it, and read it in the task',
    );
  try {
    return remote ? fetchTextSync(p.path) : readFileSync(p.path, 'utf8');
  } catch (error) {
    throw new DslRuntimeError(`cannot read \`${p.path}\`: ${(error as Error).message}`, {
      location: locate(ctx, pos),
      cause: error,
      hint: remote
        ? 'check the URL and the network (offline, give a local copy of the file instead)'
        : 'check that the file exists and is readable',
    });
  }
}

// The size of a file in bytes, 0 when it is missing.
function sizeOf(p: DslPath): number {
  try {
    return statSync(p.path).size;
  } catch {
    return 0;
  }
}

export const pathMethods: MethodTable<DslPath> = {
  getName: (_c, p) => basename(p.path),
  getFileName: (_c, p) => pathValue(basename(p.path)),
  getBaseName: (_c, p) => {
    const name = basename(p.path);
    const ext = extname(name);
    return ext === '' ? name : name.slice(0, -ext.length);
  },
  getSimpleName: (_c, p) => basename(p.path).replace(/\..*$/, ''),
  getExtension: (_c, p) => extname(p.path).replace(/^\./, ''),
  getParent: (_c, p) => pathValue(dirname(p.path)),
  getText: (ctx, p, _a, pos) => readText(ctx, p, pos),
  readLines: (ctx, p, _a, pos) => stringMethods.readLines!(ctx, readText(ctx, p, pos), [], pos),
  // `eachLine { line -> }` or `{ line, number -> }` (numbered from 1): the closure's last value
  eachLine: (ctx, p, args, pos) => {
    const fn = args[args.length - 1];
    if (!isClosure(fn)) throw scriptError(ctx, pos, '`eachLine` takes a closure', 'e.g. `file.eachLine { line -> … }`');
    const lines = stringMethods.readLines!(ctx, readText(ctx, p, pos), [], pos) as unknown[];
    let result: unknown = null;
    lines.forEach((line, i) => (result = fn.call(fn.arity >= 2 ? [line, i + 1] : [line])));
    return result;
  },
  exists: (_c, p) => existsSync(p.path),
  isFile: (_c, p) => existsSync(p.path) && statSync(p.path).isFile(),
  isDirectory: (_c, p) => existsSync(p.path) && statSync(p.path).isDirectory(),
  isEmpty: (_c, p) => sizeOf(p) === 0,
  size: (_c, p) => sizeOf(p),
  toString: (_c: unknown, p: DslPath) => p.path,
  toUriString: (_c, p) => p.path,
  toAbsolutePath: (_c, p) => pathValue(resolve(p.path)),
  toRealPath: (_c, p) => pathValue(resolve(p.path)),
  resolve: (_c, p, args) => pathValue(resolve(p.path, show(args[0]))),
  resolveSibling: (_c, p, args) => pathValue(resolve(dirname(p.path), show(args[0]))),
  listFiles: (_c, p) =>
    readdirSync(p.path)
      .sort()
      .map((name) => pathValue(resolve(p.path, name))),
  countLines: (ctx, p, _a, pos) => (stringMethods.readLines!(ctx, readText(ctx, p, pos), [], pos) as unknown[]).length,
  startsWith: (_c, p, args) => p.path.startsWith(show(args[0])),
  // copies a file or directory; into the target when it is an existing directory, making the target's parents
  copyTo: (ctx, p, args, pos) => {
    const given = resolve(ctx.module.runtime.launchDir, show(args[0]));
    const target = existsSync(given) && statSync(given).isDirectory() ? join(given, basename(p.path)) : given;
    try {
      mkdirSync(dirname(target), { recursive: true });
      cpSync(p.path, target, { recursive: true, dereference: true });
    } catch (error) {
      throw scriptError(ctx, pos, `cannot copy \`${p.path}\` to \`${target}\`: ${(error as Error).message}`);
    }
    return pathValue(target);
  },
  endsWith: (_c, p, args) => p.path.endsWith(show(args[0])),
  ...pathOperations,
};

// Reads `path.name` and other properties through their getters.
export function pathProperty(ctx: EvalContext, p: DslPath, name: string, pos: Position): unknown {
  const getter =
    pathMethods[`get${name.charAt(0).toUpperCase()}${name.slice(1)}`] ??
    (['exists', 'size', 'isFile', 'isDirectory', 'isEmpty'].includes(name) ? pathMethods[name] : undefined);
  if (getter === undefined)
    throw scriptError(
      ctx,
      pos,
      `\`${name}\` is not a property of a path`,
      'paths have name, baseName, simpleName, extension, parent, text',
    );
  return getter(ctx, p, [], pos);
}
