// Glob patterns as Nextflow's file() and output declarations use them: `*`, `?`, `**`, `{a,b}`, `[abc]`, matched
// over local directories (the pattern syntax is engine/glob-pattern.ts's, shared with remote globs).
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, isAbsolute, resolve } from 'node:path';
import { globToRegExp, isGlob, unescapeGlob } from '../../../../engine/glob-pattern.js';

export { globToRegExp, isGlob, unescapeGlob };

// Splits a pattern into the directory before its first glob segment and the glob part after it.
export function splitGlob(pattern: string): { base: string; rest: string } {
  const parts = pattern.split('/');
  const first = parts.findIndex((part) => isGlob(part));
  if (first < 0) return { base: parts.slice(0, -1).join('/') || '.', rest: parts[parts.length - 1] ?? '' };
  const base = parts.slice(0, first).join('/');
  return { base: base === '' ? (pattern.startsWith('/') ? '/' : '.') : base, rest: parts.slice(first).join('/') };
}

export interface GlobOptions {
  readonly hidden?: boolean; // match names starting with a dot
  readonly type?: 'file' | 'dir' | 'any';
  readonly maxDepth?: number;
}

// The paths under `dir` (absolute) whose relative path matches the pattern, sorted; `pattern` may be absolute.
export function globFiles(pattern: string, dir: string, options: GlobOptions = {}): string[] {
  const full = isAbsolute(pattern) ? pattern : join(dir, pattern);
  const { base, rest } = splitGlob(full);
  const regex = globToRegExp(rest);
  const deep = rest.includes('**') || rest.includes('/');
  const type = options.type ?? 'file';
  const found: string[] = [];
  const walk = (abs: string, rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!options.hidden && entry.name.startsWith('.')) continue;
      const childAbs = join(abs, entry.name);
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) isDir = statSafe(childAbs)?.isDirectory() ?? false;
      const typeOk = type === 'any' || (type === 'dir' ? isDir : !isDir);
      if (typeOk && regex.test(childRel)) found.push(childAbs);
      if (isDir && deep) walk(childAbs, childRel);
    }
  };
  walk(resolve(base), '');
  return found.sort();
}

// stat() that answers undefined for a missing path.
function statSafe(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
