// The final output object's files placed into --outdir, with locations rewritten and size and checksum filled
// in, as cwltool's relocation does. Called only after a successful run, so a failed run writes nothing there.
// A top-level File a task made (under the work root) is a hard link to it where both are on one file system, as
// Nextflow's publishDir mode 'link' (cwltool moves its files instead, which would empty the work dirs --resume
// reuses); any other File, such as an input passed through, is copied.
import { copyFile, cp, mkdir, realpath, writeFile } from 'node:fs/promises';
import { existsSync, linkSync, realpathSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { CwlDirectory, CwlFile } from '../model.js';
import {
  completeFileOrDirectory,
  CwlFileError,
  listDirectory,
  isDirectory,
  isFile,
  localPath,
  locationFromPath,
  mapFileObjects,
  splitBasename,
  type CwlFileOrDirectory,
} from '../files/index.js';

// Places every File and Directory of `outputs` into `outdir` and returns the rewritten output object; a File that
// two outputs name is placed once, and both name that copy.
export async function relocateOutputs(
  outputs: Record<string, unknown>,
  outdir: string,
  workRoot: string,
): Promise<Record<string, unknown>> {
  const root = await realpath(workRoot).catch(() => workRoot);
  const madeByTask = (real: string): boolean => real.startsWith(`${root}${sep}`);
  await mkdir(outdir, { recursive: true });
  // A re-run replaces what an earlier run placed (as cwltool): only this run's names are taken, and a name in use
  // is reused unless it holds a file this run outputs (an input passed through from the outdir).
  const sources = new Set<string>();
  for (const value of Object.values(outputs))
    await mapFileObjects(value, async (entry) => {
      if (entry.path !== undefined || (entry.location !== undefined && !entry.location.startsWith('_:')))
        sources.add(realOrSame(localPath(entry, '/')));
      return entry;
    });
  const taken = new Set<string>(); // names placed by this run
  const suffixes = new Map<string, number>(); // basename → the next _N to try for it (200 outputs named out.txt: no n² search)
  const copied = new Map<string, string>(); // real source path and basename → where a top-level File went: one copy for both
  // Where a top-level output goes, and whether it is there already (its source is that very path).
  const place = (basename: string, real: string | undefined): { dest: string; inPlace: boolean } => {
    const holdsOther = (name: string): boolean => {
      const at = realOrSame(join(outdir, name));
      return at !== real && sources.has(at) && existsSync(at);
    };
    let name = basename;
    let n = suffixes.get(basename) ?? 2;
    const { nameroot, nameext } = splitBasename(basename);
    while (taken.has(name) || holdsOther(name)) name = `${nameroot}_${n++}${nameext}`;
    suffixes.set(basename, n);
    taken.add(name);
    const dest = join(outdir, name);
    if (real !== undefined && realOrSame(dest) === real) return { dest, inPlace: true };
    rmSync(dest, { recursive: true, force: true });
    return { dest, inPlace: false };
  };
  const relocate = async (entry: CwlFileOrDirectory, dir: string | undefined): Promise<CwlFileOrDirectory> => {
    const basename = entry.basename ?? (entry.location ?? entry.path ?? 'output').split('/').pop() ?? 'output';
    if (basename === '' || basename === '.' || basename === '..' || basename.includes('/'))
      throw new CwlFileError(`output basename \`${basename}\` is not a plain file name; nothing was placed there`, {
        hint: 'an output basename has no `/` and is not `.` or `..`',
      });
    const literal = entry.path === undefined && (entry.location === undefined || entry.location.startsWith('_:'));
    const source = literal ? undefined : localPath(entry, '/');
    const real = dir === undefined && source !== undefined ? realOrSame(source) : undefined;
    const key = real === undefined || !isFile(entry) ? undefined : `${real}\0${basename}`;
    const again = key === undefined ? undefined : copied.get(key);
    const placed = again !== undefined || dir !== undefined ? undefined : place(basename, real);
    const dest = again ?? placed?.dest ?? join(dir as string, basename);
    if (isFile(entry)) {
      if (source === undefined) await writeFile(dest, entry.contents ?? '');
      else if (again === undefined && placed?.inPlace !== true)
        await (real !== undefined && madeByTask(real) ? linkOrCopy(real, dest) : copyFile(source, dest));
      if (key !== undefined) copied.set(key, dest);
      const secondaryFiles =
        entry.secondaryFiles === undefined
          ? undefined
          : await Promise.all(entry.secondaryFiles.map((s) => relocate(s, dir)));
      const done =
        source !== undefined && entry.size !== undefined && entry.checksum !== undefined
          ? copiedFile(dest, entry.size, entry.checksum)
          : ((await completeFileOrDirectory(
              { class: 'File', location: locationFromPath(dest) },
              { baseDir: '/', checksum: true },
            )) as CwlFile);
      const { dirname: _dirname, ...file } = done;
      return {
        ...file,
        ...(entry.format === undefined ? {} : { format: entry.format }),
        ...(secondaryFiles === undefined ? {} : { secondaryFiles }),
      };
    }
    if (source === undefined) await mkdir(dest, { recursive: true });
    else if (placed?.inPlace !== true) await cp(source, dest, { recursive: true });
    // cwltest wants a listing on every Directory: the copied tree, in full, unless the output gave one.
    const listing =
      entry.listing === undefined
        ? await listDirectory(dest, 'deep_listing', { baseDir: '/', checksum: true })
        : await relocateListing(entry.listing, dest);
    const done: CwlDirectory = { class: 'Directory', location: locationFromPath(dest), path: dest, basename };
    return { ...done, listing: listing.map(withoutDirname) };
  };
  // A listing's entries already copied with their directory: only their locations change (literals are written).
  const relocateListing = async (listing: readonly CwlFileOrDirectory[], dir: string): Promise<CwlFileOrDirectory[]> =>
    Promise.all(
      listing.map(async (item) => {
        const basename = item.basename ?? (item.location ?? item.path ?? '').split('/').pop() ?? '';
        const dest = join(dir, basename);
        if (!existsSync(dest)) return relocate(item, dir);
        if (isDirectory(item)) {
          const inner = item.listing === undefined ? undefined : await relocateListing(item.listing, dest);
          return {
            class: 'Directory' as const,
            location: locationFromPath(dest),
            path: dest,
            basename,
            ...(inner === undefined ? {} : { listing: inner }),
          };
        }
        const done = (await completeFileOrDirectory(
          { class: 'File', location: locationFromPath(dest) },
          { baseDir: '/', checksum: true },
        )) as CwlFile;
        const { dirname: _dirname, ...file } = done;
        return file;
      }),
    );
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs))
    out[key] = await mapFileObjects(value, (entry) => relocate(entry, undefined));
  return out;
}

// Hard-links a file into place, or copies it where a link cannot be made (another file system, no permission).
// Links and real paths are synchronous: one small system call each, cheaper than a thread-pool round trip.
async function linkOrCopy(source: string, dest: string): Promise<void> {
  try {
    linkSync(source, dest);
  } catch {
    await copyFile(source, dest);
  }
}

// A path with its symlinks resolved, or the path itself when it cannot be.
function realOrSame(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

// A copied File: its size and checksum are the source's, known already (cwltool computes them only when absent).
function copiedFile(dest: string, size: number, checksum: string): CwlFile {
  const basename = dest.slice(dest.lastIndexOf('/') + 1);
  return {
    class: 'File',
    location: locationFromPath(dest),
    path: dest,
    basename,
    ...splitBasename(basename),
    size,
    checksum,
  };
}

// A listing entry as output objects show it: without `dirname`, recursively.
function withoutDirname(entry: CwlFileOrDirectory): CwlFileOrDirectory {
  if (isDirectory(entry))
    return entry.listing === undefined ? entry : { ...entry, listing: entry.listing.map(withoutDirname) };
  const { dirname: _dirname, ...file } = entry;
  return file;
}
