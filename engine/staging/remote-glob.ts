// Remote globs (sftp://host/data/*.fq): the directories along the pattern are listed and their entries matched, one
// path component at a time. `*`, `?`, `[abc]` and `{a,b}` work within a component; `**` does not cross directories.
import { childUri } from './uri.js';
import type { Stager } from './stager.js';

// Whether a path component holds glob characters.
export function hasGlob(text: string): boolean {
  return /[*?[{]/.test(text);
}

// One path component's pattern as an anchored regular expression.
export function componentRegExp(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[' && pattern.indexOf(']', i + 1) > i + 1) {
      const end = pattern.indexOf(']', i + 1);
      out += `[${pattern
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = end;
    } else out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

// The URIs of files matching the glob `pattern`, sorted; hidden entries match only a pattern starting with a dot.
export async function expandRemoteGlob(stager: Stager, pattern: URL, signal: AbortSignal): Promise<URL[]> {
  const parts = decodeURIComponent(pattern.pathname).split('/');
  const first = parts.findIndex(hasGlob);
  if (first < 0) return [pattern];
  const base = new URL(pattern.href);
  base.pathname = parts.slice(0, first).map(encodeURIComponent).join('/') || '/';
  let current = [base];
  for (let i = first; i < parts.length; i++) {
    const part = parts[i] as string;
    const last = i === parts.length - 1;
    const next: URL[] = [];
    for (const dir of current) {
      if (!hasGlob(part)) {
        next.push(childUri(dir, part));
        continue;
      }
      const re = componentRegExp(part);
      for (const entry of await stager.list(dir, signal)) {
        if (entry.name.startsWith('.') && !part.startsWith('.')) continue;
        if (!re.test(entry.name)) continue;
        if (last ? entry.type === 'file' : entry.type === 'directory') next.push(childUri(dir, entry.name));
      }
    }
    current = next;
  }
  return current.sort((a, b) => (a.href < b.href ? -1 : a.href > b.href ? 1 : 0));
}
