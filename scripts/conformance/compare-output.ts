// Compares a runner's output object with a conformance test's expected one as cwltest's compare.py does
// (https://github.com/common-workflow-language/cwltest, src/cwltest/compare.py), with Python's equality: ints (BigInts
// here, see exact-json.ts) and floats equal only when they are the same number (10**42 != 1e42), True == 1, a
// missing key is None. "Any" matches anything; File and Directory locations match by suffix and must exist; a File's
// checksum and size are checked on disk, declared and expected; a Directory's expected listing entries must each
// match some actual entry; an extra actual key fails unless it is null.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

// Returns undefined when `actual` matches `expected`, or the reason it does not.
export function compareOutput(expected: unknown, actual: unknown): string | undefined {
  try {
    return compare(expected, actual);
  } catch (error) {
    return (error as Error).message;
  }
}

// compare.py's compare(): Any, None, dicts by class, lists item by item, scalars by Python's ==.
function compare(expected: unknown, actual: unknown): string | undefined {
  if (expected === 'Any') return undefined;
  const none = (v: unknown): boolean => v === null || v === undefined;
  if (!none(expected) && none(actual)) return `expected ${json(expected)}, got ${json(actual)}`;
  if (isObject(expected)) {
    if (!isObject(actual)) return `expected an object ${json(expected)}, got ${json(actual)}`;
    if (expected.class === 'File') return compareFile(expected, actual);
    if (expected.class === 'Directory') return compareDirectory(expected, actual);
    return compareDict(expected, actual);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `expected a list ${json(expected)}, got ${json(actual)}`;
    if (expected.length !== actual.length)
      return `lengths don't match: expected ${json(expected)}, got ${json(actual)}`;
    for (let i = 0; i < expected.length; i += 1) {
      const problem = compare(expected[i], actual[i]);
      if (problem !== undefined) return `[${i}]: ${problem}`;
    }
    return undefined;
  }
  return pythonEquals(expected, actual) ? undefined : `expected ${json(expected)}, got ${json(actual)}`;
}

// Python's == on JSON scalars: ints (bigint), floats (number) and bools compare as numbers, exactly; strings as text;
// None only equals None; a scalar never equals a list or a dict.
export function pythonEquals(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  const numeric = (v: unknown): bigint | number | undefined =>
    typeof v === 'boolean' ? (v ? 1n : 0n) : typeof v === 'bigint' || typeof v === 'number' ? v : undefined;
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) {
    if (typeof x === typeof y) return x === y;
    const [int, float] = (typeof x === 'bigint' ? [x, y] : [y, x]) as [bigint, number];
    return Number.isInteger(float) && BigInt(float) === int;
  }
  return typeof a === 'string' && a === b;
}

// Every expected key matches (a missing actual key is None); actual keys the expected dict lacks must be null.
function compareDict(expected: Record<string, unknown>, actual: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(expected)) {
    const problem = compare(expected[key], actual[key]);
    if (problem !== undefined) return `${key}: ${problem}`;
  }
  for (const key of Object.keys(actual))
    if (!(key in expected) && actual[key] !== null && actual[key] !== undefined) return `unexpected key \`${key}\``;
  return undefined;
}

// A Directory: each expected listing entry found among the actual ones, then as a File.
function compareDirectory(expected: Record<string, unknown>, actual: Record<string, unknown>): string | undefined {
  if (actual.class !== 'Directory') return `expected a Directory, got ${json(actual)}`;
  if (!('listing' in actual)) return `Directory ${json(actual.location)} has no listing`;
  for (const entry of asList(expected.listing)) {
    if (!asList(actual.listing).some((candidate) => compareOutput(entry, candidate) === undefined))
      return `listing entry ${json(entry)} not found in ${json(actual.listing)}`;
  }
  return compareFile(expected, actual);
}

// A File (or the File-like checks of a Directory): location, contents, checksum and size, then the other keys.
function compareFile(expected: Record<string, unknown>, actual: Record<string, unknown>): string | undefined {
  const problem = compareLocation(expected, actual);
  if (problem !== undefined) return problem;
  if ('contents' in expected) {
    if (typeof actual.path !== 'string') return `contents: the output has no path to read`;
    const contents = readFileSync(localPath(actual.path), 'utf8');
    if (contents !== expected.contents) return `contents ${json(contents)} differ from ${json(expected.contents)}`;
  }
  if (actual.class === 'File') {
    const where = localPath(String(actual.path ?? actual.location));
    const onDisk = `sha1$${createHash('sha1').update(readFileSync(where)).digest('hex')}`;
    if ('checksum' in actual && !pythonEquals(actual.checksum, onDisk))
      return `declared checksum ${json(actual.checksum)} is not the file's ${onDisk}`;
    if ('checksum' in expected && !pythonEquals(expected.checksum, onDisk))
      return `checksum ${onDisk}, expected ${json(expected.checksum)}`;
    const size = BigInt(statSync(where).size);
    if ('size' in actual && !pythonEquals(actual.size, size))
      return `declared size ${json(actual.size)} is not the file's ${size}`;
    if ('size' in expected && !pythonEquals(expected.size, size))
      return `size ${size}, expected ${json(expected.size)}`;
  }
  for (const key of Object.keys(expected)) {
    if (['path', 'location', 'listing', 'contents', 'checksum', 'size'].includes(key)) continue;
    const problem = compare(expected[key], actual[key]);
    if (problem !== undefined) return `${key}: ${problem}`;
  }
  return undefined;
}

// compare.py's _compare_location: the expected path (else location) must end the actual one, which must exist as a
// file (a directory for a Directory); the actual object gets `path` from `location` when expected names a path.
function compareLocation(expected: Record<string, unknown>, actual: Record<string, unknown>): string | undefined {
  let expectedKey: 'path' | 'location';
  if ('path' in expected) {
    expectedKey = 'path';
    if (!('path' in actual)) actual.path = actual.location;
  } else if ('location' in expected) expectedKey = 'location';
  else return undefined;
  const actualKey = 'path' in actual ? 'path' : 'location';
  const directory = actual.class === 'Directory';
  let where = String(actual[actualKey]);
  if (directory) actual[actualKey] = where = where.replace(/\/+$/, '');
  const stat = statSync(localPath(where), { throwIfNoEntry: false });
  if (stat === undefined || (directory ? !stat.isDirectory() : !stat.isFile())) return `${where} does not exist`;
  const want = expected[expectedKey];
  if (want !== 'Any' && !(where.endsWith(`/${String(want)}`) || (!where.includes('/') && want === where)))
    return `${where} does not end with ${String(want)}`;
  return undefined;
}

// A local path from a path or a file:// URI.
function localPath(where: string): string {
  return where.startsWith('file://') ? decodeURIComponent(new URL(where).pathname) : where;
}

// A list, or none.
function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

// True for a plain object.
function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Short JSON for messages (ints of any size as digits).
function json(value: unknown): string {
  const marked = JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `\u0000int:${v}` : v));
  const text = marked?.replace(/"\\u0000int:(-?\d+)"/g, '$1') ?? 'undefined';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
