// Walking job and output values to reach every File and Directory object in them.
import type { CwlFileOrDirectory } from './file-object.js';
import { isDirectory, isFile } from './file-object.js';

// Returns the value with every File and Directory replaced by `map`'s result (outermost first, not descending
// into what `map` returns); arrays and records are copied, everything else is kept.
export async function mapFileObjects(
  value: unknown,
  map: (entry: CwlFileOrDirectory) => Promise<CwlFileOrDirectory>,
): Promise<unknown> {
  if (isFile(value) || isDirectory(value)) return map(value);
  if (Array.isArray(value)) return Promise.all(value.map((item: unknown) => mapFileObjects(item, map)));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await mapFileObjects(item, map)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

// Calls `visit` for every File and Directory in a value, including secondaryFiles and listings.
export function forEachFileObject(value: unknown, visit: (entry: CwlFileOrDirectory) => void): void {
  if (isFile(value)) {
    visit(value);
    for (const secondary of value.secondaryFiles ?? []) forEachFileObject(secondary, visit);
  } else if (isDirectory(value)) {
    visit(value);
    for (const entry of value.listing ?? []) forEachFileObject(entry, visit);
  } else if (Array.isArray(value)) {
    for (const item of value) forEachFileObject(item, visit);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) forEachFileObject(item, visit);
  }
}
