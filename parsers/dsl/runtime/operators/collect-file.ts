// `collectFile`: gathers channel items into files (one, or one per name a closure gives) and emits their paths.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { sha256 } from '../../../../engine/cache-key.js';
import type { CallArgs } from '../eval/arguments.js';
import type { OperatorImpl } from './operators.js';
import { drain, pump } from './support.js';
import { sortWith } from '../stdlib/list-methods.js';
import { compare, isClosure, isPath, pathValue, show, truthy } from '../values/values.js';

// One entry of a collected file: its text, and the item it came from (for sorting).
interface Entry {
  readonly text: string;
  readonly item: unknown;
}

// The text an item adds to a file: a path's content, else the item as text.
function entryText(item: unknown, newLine: boolean): string {
  const text = isPath(item) ? readFileSync(item.path, 'utf8') : show(item);
  return newLine && !text.endsWith('\n') ? `${text}\n` : text;
}

// Orders a file's entries by `sort`: false/'index' keeps arrival order; true/'hash'/absent sorts by natural order
// of the items; a closure sorts by its key (one parameter) or as a comparator (two).
export function sortEntries<T extends Entry>(entries: readonly T[], sort: unknown): T[] {
  if (sort === false || sort === 'index' || sort === 'none') return [...entries];
  if (isClosure(sort)) {
    const items = sortWith(
      entries.map((e) => e.item),
      sort,
    );
    const left = [...entries];
    return items.map(
      (item) =>
        left.splice(
          left.findIndex((e) => e.item === item),
          1,
        )[0] as T,
    );
  }
  return [...entries].sort((a, b) => compare(a.item, b.item) || compare(a.text, b.text));
}

// The directory collected files go to: `storeDir`, else the directory `name:` gives, else a directory under the
// launch dir's work dir named by the call.
function targetDir(launchDir: string, args: CallArgs, nameDir: string | undefined, where: string): string {
  const storeDir = args.named.get('storeDir');
  if (storeDir !== undefined && storeDir !== null) {
    const dir = isPath(storeDir) ? storeDir.path : show(storeDir);
    return isAbsolute(dir) ? dir : resolve(launchDir, dir);
  }
  if (nameDir !== undefined) return nameDir;
  return join(launchDir, 'work', 'collect-file', sha256(where).slice(0, 16));
}

// The `name:` option: a file name, or a path (`/dir/all.txt`) whose parent is the directory the file goes to.
function fileTarget(launchDir: string, name: unknown): { readonly name: string; readonly dir?: string } | undefined {
  if (name === undefined || name === null || name === '') return undefined;
  const text = isPath(name) ? name.path : show(name);
  if (!isPath(name) && !text.includes('/')) return { name: text };
  return { name: basename(text), dir: dirname(resolve(launchDir, text)) };
}

export const collectFileOperators: Readonly<Record<string, OperatorImpl>> = {
  collectFile: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'collectFile', pos, async (out) => {
      const fn = args.positional.find(isClosure);
      const newLine = truthy(args.named.get('newLine'));
      const launchDir = ctx.module.runtime.launchDir;
      const named = fileTarget(launchDir, args.named.get('name') ?? args.positional.find((a) => !isClosure(a)));
      let fileName = named?.name;
      const files = new Map<string, Entry[]>();
      const add = (name: string, content: unknown): void => {
        files.set(name, [...(files.get(name) ?? []), { text: entryText(content, newLine), item: content }]);
      };
      for (const item of await drain(src)) {
        const value = fn === undefined ? item : fn.call([item]);
        // a list's first item names the file its other items go to; a path without a name keeps its own name;
        // any other value goes to the named file, by default `collect-file.data`
        if (Array.isArray(value) && value.length > 1) for (const part of value.slice(1)) add(show(value[0]), part);
        else if (isPath(value)) add(fileName ?? basename(value.path), value);
        else if (value !== null && value !== undefined) add((fileName ??= 'collect-file.data'), value);
      }
      const dir = targetDir(launchDir, args, named?.dir, `${ctx.module.file}:${pos.line}:${pos.column}`);
      mkdirSync(dir, { recursive: true });
      const seed = args.named.get('seed');
      for (const name of [...files.keys()].sort()) {
        const entries = sortEntries(files.get(name) ?? [], args.named.get('sort'));
        const head = seed === undefined || seed === null ? '' : entryText(seed, newLine);
        const text = head + entries.map((e) => e.text).join('');
        const file = join(dir, name);
        if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text); // unchanged files keep their mtime, so resume reuses what reads them
        out.emit(pathValue(file));
      }
    }),
};
