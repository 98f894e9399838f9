// The file scheme: local paths (file:///data/x), staged by copy, hard link or symbolic link.
import { copyFile, link, lstat, mkdir, readdir, stat, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sha256File } from './checksum.js';
import { fromFsError, StagingError, StagingReason } from './errors.js';
import type { RemoteEntry, Stager, TransferOptions } from './stager.js';

export const LinkMode = { Copy: 'copy', HardLink: 'hardlink', Symlink: 'symlink' } as const;
export type LinkMode = (typeof LinkMode)[keyof typeof LinkMode];

export interface FileStagerOptions {
  readonly mode?: LinkMode | undefined; // default copy
}

// What `path` is, as a staging entry.
async function entryOf(path: string, name: string): Promise<RemoteEntry> {
  const st = await stat(path);
  return {
    name,
    type: st.isDirectory() ? 'directory' : 'file',
    size: st.isDirectory() ? 0 : st.size,
    mtimeMs: Math.trunc(st.mtimeMs),
  };
}

// Copies, links or hard-links the tree at `source` to `dest`; a hard link across file systems falls back to a copy.
export async function placePath(source: string, dest: string, mode: LinkMode, opts?: TransferOptions): Promise<void> {
  opts?.signal.throwIfAborted();
  await mkdir(dirname(dest), { recursive: true });
  if (mode === LinkMode.Symlink) {
    await symlink(source, dest);
    const size = (await stat(source).catch(() => undefined))?.size ?? 0;
    opts?.onProgress?.(size, size);
    return;
  }
  let done = 0;
  let total = 0;
  const walk = async (from: string, to: string): Promise<void> => {
    opts?.signal.throwIfAborted();
    const st = await stat(from);
    if (st.isDirectory()) {
      await mkdir(to, { recursive: true });
      for (const name of await readdir(from)) await walk(join(from, name), join(to, name));
      return;
    }
    total += st.size;
    if (mode === LinkMode.HardLink) {
      try {
        await link(from, to);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK') throw error;
        await copyFile(from, to);
      }
    } else {
      await copyFile(from, to);
    }
    done += st.size;
    opts?.onProgress?.(done, total);
  };
  await walk(source, dest);
}

// Creates the file stager; `mode` says how fetch and put place files.
export function createFileStager(options: FileStagerOptions = {}): Stager {
  const mode = options.mode ?? LinkMode.Copy;
  const local = (uri: URL): string => fileURLToPath(uri);
  const guard = async <T>(uri: URL, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof StagingError) throw error;
      throw fromFsError(uri.href, error);
    }
  };
  return {
    schemes: ['file'],
    stat: (uri) => guard(uri, () => entryOf(local(uri), local(uri).split('/').pop() ?? '')),
    list: (uri) =>
      guard(uri, async () => {
        const dir = local(uri);
        if (!(await lstat(dir)).isDirectory())
          throw new StagingError(uri.href, StagingReason.NotFound, 'not a directory');
        const names = await readdir(dir);
        return Promise.all(names.sort().map((name) => entryOf(join(dir, name), name)));
      }),
    // The source must exist: placePath alone would leave a dangling symbolic link.
    fetch: (uri, dest, opts) =>
      guard(uri, async () => (await stat(local(uri)), placePath(local(uri), dest, mode, opts))),
    put: (source, uri, opts) => guard(uri, async () => (await stat(source), placePath(source, local(uri), mode, opts))),
    checksum: (uri, signal) => guard(uri, () => sha256File(local(uri), signal)),
    close: async () => {},
  };
}

// The file:// URI of a local path.
export function fileUri(path: string): URL {
  return pathToFileURL(path);
}
