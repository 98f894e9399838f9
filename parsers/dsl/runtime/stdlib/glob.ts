// Glob patterns as Nextflow's file() and output declarations use them: `*`, `?`, `**`, `{a,b}`, `[abc]`.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, isAbsolute, resolve } from 'node:path';

// A glob character not escaped by a backslash (`file\[1\].txt` names the file `file[1].txt`).
const GLOB_CHARS = /(?:^|[^\\])(?:\\\\)*[*?[{]/;

// Whether a path or pattern holds glob characters.
export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

// A pattern with no glob characters as the name it stands for: its backslash escapes removed.
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\([\\*?[\]{}])/g, '$1');
}

// Translates one glob pattern into an anchored regular expression over `/`-separated relative paths.
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      out += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); // an escaped character is itself
    } else if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

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
