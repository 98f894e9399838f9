// Remote globs (sftp://host/data/*.fq): the directories along the pattern are listed and their entries matched, one
// path component at a time, with the glob syntax of engine/glob-pattern.ts. `*`, `?`, `[abc]` and `{a,b}` work within
// a component; `**` does not cross directories (it matches as `*` there).
import { globToRegExp, isGlob, unescapeGlob } from '../glob-pattern.js';
import type { Stager } from './stager.js';
import { childUri } from './uri.js';

// The URIs of files matching the glob `pattern`, sorted; hidden entries match only a pattern starting with a dot.
export async function expandRemoteGlob(stager: Stager, pattern: URL, signal: AbortSignal): Promise<URL[]> {
  const parts = decodeURIComponent(pattern.pathname).split('/');
  const first = parts.findIndex((part) => isGlob(part));
  if (first < 0) return [pattern];
  const base = new URL(pattern.href);
  base.pathname = parts.slice(0, first).map(encodeURIComponent).join('/') || '/';
  let current = [base];
  for (let i = first; i < parts.length; i++) {
    const part = parts[i] as string;
    const last = i === parts.length - 1;
    const next: URL[] = [];
    for (const dir of current) {
      if (!isGlob(part)) {
        next.push(childUri(dir, unescapeGlob(part)));
        continue;
      }
      const re = globToRegExp(part);
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
