// Opens a better-sqlite3 connection with its native addon named by path. Left to itself, better-sqlite3 finds the
// addon through the `bindings` package, which tries a dozen candidate paths relative to the caller's package, and
// the caller is pipe's bundle when pipe runs bundled (scripts/bundle.ts puts better-sqlite3's JavaScript inside it).
// Naming the file takes one resolution of the package and one dlopen.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Connection } from 'better-sqlite3';

let addonPath: string | undefined;

// The addon that npm built or downloaded: build/Release, or build/Debug for a debug build.
export function sqliteAddon(): string | undefined {
  if (addonPath !== undefined) return addonPath;
  const root = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  for (const build of ['Release', 'Debug']) {
    const file = join(root, 'build', build, 'better_sqlite3.node');
    if (existsSync(file)) return (addonPath = file);
  }
  return undefined; // let better-sqlite3 look for it itself, and report what it did not find
}

// A connection to the SQLite file at `path` (or ':memory:').
export function connectSqlite(path: string): Connection {
  const nativeBinding = sqliteAddon();
  return nativeBinding === undefined ? new Database(path) : new Database(path, { nativeBinding });
}
