// File and Directory literals: `contents` or `listing` without a location, written to disk when needed.
// https://www.commonwl.org/v1.2/CommandLineTool.html#File (contents) · #Directory (listing)
import { randomUUID } from 'node:crypto';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CwlFile } from '../model.js';
import { CwlFileError } from './errors.js';
import type { CwlFileOrDirectory } from './file-object.js';
import { completeDirectory, completeFile, isFile, isLiteral, localPath } from './file-object.js';

// Writes a literal (and any literals inside a literal Directory) under `dir`, named by its basename or a fresh
// name; entries with a location are copied in. Returns the completed object pointing at what was written.
export async function materializeLiteral(value: CwlFileOrDirectory, dir: string): Promise<CwlFileOrDirectory> {
  const name = value.basename ?? `literal-${randomUUID()}`;
  const target = join(dir, name);
  if (isFile(value)) {
    if (value.contents === undefined) throw new CwlFileError(`File literal \`${name}\` has no contents`);
    await writeFile(target, value.contents, { flag: 'wx' }).catch((error: unknown) => {
      throw new CwlFileError(`Cannot write file literal \`${target}\``, {
        cause: error,
        hint: 'two literals with the same basename cannot share a directory',
      });
    });
    return completeFile({ ...withoutLocation(value, target), basename: name }, { baseDir: dir });
  }
  await mkdir(target, { recursive: true });
  const listing: CwlFileOrDirectory[] = [];
  for (const entry of value.listing ?? []) {
    if (isLiteral(entry)) {
      listing.push(await materializeLiteral(entry, target));
    } else {
      const from = localPath(entry, dir);
      const to = join(target, entry.basename ?? from.slice(from.lastIndexOf('/') + 1));
      await cp(from, to, { recursive: true, dereference: true });
      if (isFile(entry)) await copySecondaryFiles(entry, target, dir);
      listing.push(
        isFile(entry)
          ? await completeFile(withoutLocation(entry, to), { baseDir: dir })
          : await completeDirectory({ class: 'Directory', path: to }, { baseDir: dir, loadListing: 'deep_listing' }),
      );
    }
  }
  const { location: _location, listing: _listing, ...rest } = value;
  const done = await completeDirectory({ ...rest, path: target, basename: name }, { baseDir: dir });
  return { ...done, listing };
}

// A copy of a File that names `path` instead of its old location.
function withoutLocation(file: CwlFile, path: string): CwlFile {
  const { location: _location, path: _path, dirname: _dirname, ...rest } = file;
  return { ...rest, path };
}

// Copies a file's secondaryFiles into `target` beside it, as staging keeps them together.
async function copySecondaryFiles(file: CwlFile, target: string, baseDir: string): Promise<void> {
  for (const secondary of file.secondaryFiles ?? []) {
    if (isLiteral(secondary)) {
      await materializeLiteral(secondary, target);
      continue;
    }
    const from = localPath(secondary, baseDir);
    await cp(from, join(target, secondary.basename ?? from.slice(from.lastIndexOf('/') + 1)), {
      recursive: true,
      dereference: true,
    });
  }
}
