// Channel.fromFilePairs: files matching a pattern grouped by the common prefix of their names.
import { basename } from 'node:path';
import { pathValue, type DslPath } from '../values/values.js';

// The grouping key of a file name under a pair pattern, as Nextflow derives it: the text up to the end of the last
// `*`/`?` match, or up to the first `{…}`/`[…]` group when there is none; trailing `_`, `-` and `.` removed.
export function pairKey(fileName: string, pattern: string): string | undefined {
  const glob = basename(pattern);
  let regex = '';
  let firstGroup = -1;
  let groups = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      regex += '(.*)';
      groups++;
    } else if (c === '?') {
      regex += '(.)';
      groups++;
    } else if (c === '{') {
      if (firstGroup < 0) firstGroup = groups;
      regex += '((?:';
      groups++;
    } else if (c === '}') regex += '))';
    else if (c === ',') regex += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (firstGroup < 0) firstGroup = groups;
      regex += `([${glob.slice(i + 1, end).replace(/^!/, '^')}])`;
      groups++;
      i = end;
    } else regex += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  const match = new RegExp(`^${regex}$`, 'd').exec(fileName);
  if (match === null) return undefined;
  const stars = [...glob].filter((c) => c === '*' || c === '?').length;
  let end: number;
  if (stars > 0) {
    let last = 0;
    let seen = 0;
    for (let g = 1; g < match.length; g++) {
      const source = regexGroupKind(glob, g);
      if (source === 'wild') {
        seen++;
        last = match.indices?.[g]?.[1] ?? last;
        if (seen === stars) break;
      }
    }
    end = last;
  } else end = match.indices?.[firstGroup + 1]?.[0] ?? fileName.length;
  return fileName.slice(0, end).replace(/[-_.]+$/, '');
}

// Whether the g-th capture group of a pair pattern comes from a wildcard or a `{…}`/`[…]` group.
function regexGroupKind(glob: string, g: number): 'wild' | 'group' {
  let n = 0;
  for (const c of glob) {
    if (c === '*' || c === '?' || c === '{' || c === '[') n++;
    if (n === g) return c === '*' || c === '?' ? 'wild' : 'group';
  }
  return 'group';
}

// Groups matched files into [key, [files…]] pairs of `size` files (sorted), in key order.
export function groupPairs(files: readonly string[], pattern: string, size: number, flat: boolean): unknown[] {
  const groups = new Map<string, DslPath[]>();
  for (const file of files) {
    const key = pairKey(basename(file), pattern);
    if (key === undefined) continue;
    const group = groups.get(key) ?? [];
    group.push(pathValue(file));
    groups.set(key, group);
  }
  const out: unknown[] = [];
  for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (size > 0 && group.length !== size) continue;
    const sorted = group.sort((a, b) => (a.path < b.path ? -1 : 1));
    out.push(flat ? [key, ...sorted] : [key, sorted]);
  }
  return out;
}
