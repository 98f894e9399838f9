// Glob patterns of output bindings, matched as Python's glob does (`*`, `?`, `[...]` per path component;
// hidden names only when the pattern starts with a dot), relative to the output dir, results sorted.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';

const MAGIC = /[*?[]/;

// The existing paths a pattern matches, sorted. Plain components are joined without looking at the disk: one stat
// of the path they lead to (before a wildcard component, or at the end) says whether all of them exist.
export async function globFiles(pattern: string, outdir: string): Promise<string[]> {
  const absolute = normalize(isAbsolute(pattern) ? pattern : join(outdir, pattern)).replace(/\/+$/, '') || '/';
  const parts = absolute.split('/').slice(1);
  let current = ['/'];
  let unchecked = false; // whether `current` holds paths with plain components not yet stat'ed
  // Synchronous checks (following symlinks): cheaper than a thread-pool round trip each.
  const checked = (paths: readonly string[]): string[] => paths.filter((path) => existsSync(path));
  for (const part of parts) {
    if (!MAGIC.test(part)) {
      current = current.map((dir) => join(dir, part));
      unchecked = true;
      continue;
    }
    if (unchecked) current = checked(current);
    unchecked = false;
    const matcher = componentRegex(part);
    const next: string[] = [];
    for (const dir of current) {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names)
        if (matcher.test(name) && (part.startsWith('.') || !name.startsWith('.'))) next.push(join(dir, name));
    }
    current = next;
  }
  if (unchecked) current = checked(current);
  return [...new Set(current)].sort();
}

// A regular expression for one path component of a glob.
function componentRegex(part: string): RegExp {
  let source = '';
  for (let i = 0; i < part.length; i++) {
    const char = part[i]!;
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      const close = part.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = part.slice(i + 1, close).replace(/\\/g, '\\\\');
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      source += `[${body}]`;
      i = close;
    } else source += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
