// What a container must see besides its output and tmp dirs: staged inputs and InitialWorkDir entries are
// symlinks in the work dir to files elsewhere on the host, so each link's target is mounted read-only at the very
// path the link names, where the link finds it inside the container as it does outside.
import type { Dirent } from 'node:fs';
import { readdir, readlink, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Mount } from './run-args.js';

// Read-only mounts for every symlink under `roots` that leads out of them, one per distinct target.
export async function symlinkMounts(roots: readonly string[]): Promise<Mount[]> {
  const found = new Map<string, string>(); // target as the link names it → real source
  const inside = (path: string) => roots.some((root) => path === root || path.startsWith(`${root}/`));
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // a root that was never created (a tool without inputs)
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      if (!entry.isSymbolicLink()) continue;
      const target = resolve(dir, await readlink(path));
      if (inside(target) || found.has(target)) continue;
      const source = await realpath(path).catch(() => undefined);
      if (source !== undefined) found.set(target, source);
    }
  };
  for (const root of roots) await visit(root);
  return covering([...found].map(([target, source]) => ({ source, target, writable: false })));
}

// The mounts without those another mount already shows (a file inside a mounted directory).
function covering(mounts: readonly Mount[]): Mount[] {
  const sorted = [...mounts].sort((a, b) => a.target.length - b.target.length);
  const kept: Mount[] = [];
  for (const mount of sorted) {
    const parent = kept.find((outer) => mount.target.startsWith(`${outer.target}/`));
    if (parent !== undefined && mount.source === parent.source + mount.target.slice(parent.target.length)) continue;
    kept.push(mount);
  }
  return kept;
}
