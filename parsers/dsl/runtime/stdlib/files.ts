// file() and files(): paths from names and glob patterns, relative to the launch directory.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Position } from '../../syntax/ast-expressions.js';
import type { EvalContext } from '../eval/context.js';
import { globFiles, isGlob, unescapeGlob } from './glob.js';
import { isPath, pathValue, show, truthy, type DslPath } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';
import { isRemoteUri } from '../../../../engine/staging/uri.js';

// The absolute form of a path argument: relative names start at the launch directory.
export function absolutePath(ctx: EvalContext, value: unknown): string {
  const text = isPath(value) ? value.path : show(value);
  if (isRemoteUri(text)) return text;
  const expanded = text.startsWith('~/') ? `${process.env.HOME ?? ''}${text.slice(1)}` : text;
  return isAbsolute(expanded) ? expanded : resolve(ctx.module.runtime.launchDir, expanded);
}

// The paths a name or pattern stands for; a plain name is one path whether it exists or not.
export function matchPaths(
  ctx: EvalContext,
  value: unknown,
  options: ReadonlyMap<string, unknown>,
  pos: Position,
): DslPath[] {
  const path = absolutePath(ctx, value);
  const glob = isGlob(path) && options.get('glob') !== false;
  if (isRemoteUri(path)) {
    if (glob)
      throw scriptError(
        ctx,
        pos,
        `a remote pattern \`${path}\` is listed only by Channel.fromPath`,
        `write Channel.fromPath('${path}')`,
      );
    return [pathValue(path)];
  }
  const paths = glob
    ? globFiles(path, '/', {
        hidden: truthy(options.get('hidden')),
        type: (options.get('type') as 'file' | 'dir' | 'any' | undefined) ?? 'file',
      }).map(pathValue)
    : [pathValue(options.get('glob') === false ? path : unescapeGlob(path))];
  if (truthy(options.get('checkIfExists')) && (paths.length === 0 || (!glob && !existsSync(paths[0]!.path)))) {
    throw scriptError(
      ctx,
      pos,
      glob ? `no files match the pattern \`${show(value)}\`` : `file \`${show(value)}\` does not exist`,
      'check the path, or leave out checkIfExists',
    );
  }
  return paths;
}

// file(name): one path, or a list of them for a pattern.
export function fileFunction(
  ctx: EvalContext,
  value: unknown,
  options: ReadonlyMap<string, unknown>,
  pos: Position,
): unknown {
  if (value === null || value === undefined) throw scriptError(ctx, pos, '`file()` needs a path, got `null`');
  const path = absolutePath(ctx, value);
  if (isGlob(path) && options.get('glob') !== false) return matchPaths(ctx, value, options, pos);
  return matchPaths(ctx, value, options, pos)[0];
}
