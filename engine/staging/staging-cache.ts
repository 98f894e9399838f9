// The staging cache under .pipe/staging: one folder per remote input and version, named by the hash of its URI and
// remote size+mtime (or listing, for a directory), holding the data and a .meta.json written once it was verified.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../cache-key.js';

// What a cache entry records about the version it holds.
export interface CacheMeta {
  readonly uri: string;
  readonly version: string; // size:mtime of a file, or a digest of a directory's listing
  readonly size: number; // bytes of data
  readonly sha256?: string | undefined; // the file's checksum, when it was computed
}

export const META = '.meta.json';

// Where the data of `uri` at `version` goes: <root>/<2 hex>/<62 hex>/<name>.
export function cachePaths(root: string, uri: string, version: string, name: string) {
  const key = sha256(`${uri}\0${version}`);
  const dir = join(root, key.slice(0, 2), key.slice(2));
  return { key, dir, data: join(dir, name === '' ? 'data' : name), meta: join(dir, META) };
}

// The meta of a finished entry matching `version`, or undefined.
export function readMeta(metaPath: string, version: string): CacheMeta | undefined {
  try {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CacheMeta;
    return meta.version === version ? meta : undefined;
  } catch {
    return undefined;
  }
}

// A fresh private folder beside `dir` to download into, then publish with commitEntry.
export function partialDir(dir: string): string {
  return `${dir}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
}

// Writes the meta into the partial folder and moves it into place (replacing an unfinished or stale entry).
export function commitEntry(partial: string, dir: string, meta: CacheMeta): void {
  writeFileSync(join(partial, META), `${JSON.stringify(meta)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
}
