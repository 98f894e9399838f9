// Compares a runner's output object with a conformance test's expected one by cwltest's rules: "Any" matches
// anything; File and Directory locations match by suffix; checksum and size are checked against the file on
// disk; a Directory's expected listing entries must each match some actual entry; extra non-null keys fail.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';

// Returns undefined when `actual` matches `expected`, or the reason it does not.
export function compareOutput(expected: unknown, actual: unknown): string | undefined {
  if (expected === 'Any') return undefined;
  if (expected !== null && expected !== undefined && (actual === null || actual === undefined))
    return `expected ${json(expected)}, got ${json(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `expected a list ${json(expected)}, got ${json(actual)}`;
    if (expected.length !== actual.length)
      return `expected ${expected.length} items, got ${actual.length}: ${json(actual)}`;
    for (let i = 0; i < expected.length; i += 1) {
      const problem = compareOutput(expected[i], actual[i]);
      if (problem !== undefined) return `[${i}]: ${problem}`;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `expected an object ${json(expected)}, got ${json(actual)}`;
    if (expected.class === 'File') return compareFile(expected, actual);
    if (expected.class === 'Directory') return compareDirectory(expected, actual);
    return compareRecord(expected, actual);
  }
  return sameScalar(expected, actual) ? undefined : `expected ${json(expected)}, got ${json(actual)}`;
}

// Scalars as Python compares them (1 == 1.0 == True).
function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const num = (v: unknown): number | undefined =>
    typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : undefined;
  const x = num(a);
  const y = num(b);
  return x !== undefined && y !== undefined && x === y;
}

// Every expected key matches; actual keys the expected object lacks must be null.
function compareRecord(expected: Record<string, unknown>, actual: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(expected)) {
    const problem = compareOutput(expected[key], actual[key]);
    if (problem !== undefined) return `${key}: ${problem}`;
  }
  for (const key of Object.keys(actual))
    if (!(key in expected) && actual[key] !== null && actual[key] !== undefined) return `unexpected key \`${key}\``;
  return undefined;
}

// A Directory: each expected listing entry found among the actual ones, then as a File.
function compareDirectory(expected: Record<string, unknown>, actual: Record<string, unknown>): string | undefined {
  if (actual.class !== 'Directory') return `expected a Directory, got ${json(actual)}`;
  if (!Array.isArray(actual.listing)) return `Directory ${json(actual.location)} has no listing`;
  for (const entry of (expected.listing as unknown[] | undefined) ?? []) {
    if (!(actual.listing as unknown[]).some((candidate) => compareOutput(entry, candidate) === undefined))
      return `listing entry ${json(entry)} not found in ${json(actual.listing)}`;
  }
  return compareFile(expected, actual);
}

// A File (or the File-like checks of a Directory): location suffix, contents, checksum and size on disk, other keys.
function compareFile(expected: Record<string, unknown>, actual: Record<string, unknown>): string | undefined {
  const expectedKey = 'path' in expected ? 'path' : 'location' in expected ? 'location' : undefined;
  const actualWhere = String(actual.path ?? actual.location ?? '');
  const localPath = actualWhere.startsWith('file://') ? decodeURIComponent(new URL(actualWhere).pathname) : actualWhere;
  if (expectedKey !== undefined) {
    const where = actual.class === 'Directory' ? actualWhere.replace(/\/+$/, '') : actualWhere;
    if (!existsSync(localPath)) return `${where} does not exist`;
    const want = String(expected[expectedKey]);
    if (want !== 'Any' && !(where.endsWith(`/${want}`) || (!where.includes('/') && want === where)))
      return `${where} does not end with ${want}`;
  }
  if ('contents' in expected && readFileSync(localPath, 'utf8') !== expected.contents)
    return `contents differ from ${json(expected.contents)}`;
  if (actual.class === 'File') {
    const onDisk = `sha1$${createHash('sha1').update(readFileSync(localPath)).digest('hex')}`;
    if ('checksum' in actual && actual.checksum !== onDisk)
      return `declared checksum ${json(actual.checksum)} is not the file's ${onDisk}`;
    if ('checksum' in expected && expected.checksum !== onDisk)
      return `checksum ${onDisk}, expected ${json(expected.checksum)}`;
    const size = statSync(localPath).size;
    if ('size' in actual && actual.size !== size) return `declared size ${json(actual.size)} is not the file's ${size}`;
    if ('size' in expected && expected.size !== size) return `size ${size}, expected ${json(expected.size)}`;
  }
  for (const key of Object.keys(expected)) {
    if (['path', 'location', 'listing', 'contents', 'checksum', 'size'].includes(key)) continue;
    const problem = compareOutput(expected[key], actual[key]);
    if (problem !== undefined) return `${key}: ${problem}`;
  }
  return undefined;
}

// True for a plain object.
function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Short JSON for messages.
function json(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
