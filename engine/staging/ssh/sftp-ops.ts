// File operations over one SFTP channel (draft-ietf-secsh-filexfer-02, which OpenSSH's sftp-server speaks): stat,
// listing, recursive fetch and put with progress, mkdir -p.
import { mkdir } from 'node:fs/promises';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import { StagingError, StagingReason } from '../errors.js';
import type { RemoteEntry } from '../stager.js';

// SFTP status codes (filexfer-02 section 7).
const SftpStatus = { NoSuchFile: 2, PermissionDenied: 3 } as const;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

// An SFTP failure as a staging error of `uri`.
export function sftpError(uri: string, error: unknown): StagingError {
  if (error instanceof StagingError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === SftpStatus.NoSuchFile)
    return new StagingError(uri, StagingReason.NotFound, 'no such file or directory', { cause: error });
  if (code === SftpStatus.PermissionDenied)
    return new StagingError(uri, StagingReason.Permission, 'permission denied', {
      cause: error,
      hint: 'check the mode and owner of the path on the remote host',
    });
  return new StagingError(uri, StagingReason.Transient, message, { cause: error });
}

// A callback-style SFTP call as a promise.
function call<T>(run: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value as T))));
}

// A staging entry from SFTP attributes.
function toEntry(name: string, attrs: Stats | { mode: number; size: number; mtime: number }): RemoteEntry {
  const dir = (attrs.mode & S_IFMT) === S_IFDIR;
  return { name, type: dir ? 'directory' : 'file', size: dir ? 0 : attrs.size, mtimeMs: attrs.mtime * 1000 };
}

export function sftpStat(sftp: SFTPWrapper, path: string): Promise<RemoteEntry> {
  return call<Stats>((done) => sftp.stat(path, done)).then((attrs) => toEntry(posix.basename(path), attrs));
}

export async function sftpList(sftp: SFTPWrapper, path: string): Promise<RemoteEntry[]> {
  const entries = await call<{ filename: string; attrs: Stats }[]>((done) => sftp.readdir(path, done));
  return entries
    .filter((e) => e.filename !== '.' && e.filename !== '..')
    .map((e) => toEntry(e.filename, e.attrs))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// Creates `path` and its missing parents on the remote side.
export async function sftpMkdirs(sftp: SFTPWrapper, path: string): Promise<void> {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    if (prefix === '' || prefix === '.') continue;
    const exists = await sftpStat(sftp, prefix).then(
      () => true,
      () => false,
    );
    if (!exists) await call<void>((done) => sftp.mkdir(prefix, done)).catch(() => undefined);
  }
}

type Progress = (bytes: number) => void;

// Copies the remote tree at `path` to the local `dest`, calling `progress` with bytes done across all files.
export async function sftpFetch(sftp: SFTPWrapper, path: string, dest: string, progress: Progress): Promise<void> {
  let done = 0;
  const walk = async (from: string, to: string, entry: RemoteEntry): Promise<void> => {
    if (entry.type === 'directory') {
      await mkdir(to, { recursive: true });
      for (const child of await sftpList(sftp, from))
        await walk(posix.join(from, child.name), join(to, child.name), child);
      return;
    }
    await mkdir(dirname(to), { recursive: true });
    const base = done;
    await call<void>((cb) => sftp.fastGet(from, to, { step: (moved: number) => progress(base + moved) }, cb));
    done = base + entry.size;
    progress(done);
  };
  await walk(path, dest, await sftpStat(sftp, path));
}

// Copies the local tree `source` to the remote `path`, creating missing parents.
export async function sftpPut(sftp: SFTPWrapper, source: string, path: string, progress: Progress): Promise<void> {
  await sftpMkdirs(sftp, posix.dirname(path));
  let done = 0;
  const walk = async (from: string, to: string): Promise<void> => {
    const st = await stat(from);
    if (st.isDirectory()) {
      await call<void>((cb) => sftp.mkdir(to, cb)).catch(() => undefined);
      for (const name of (await readdir(from)).sort()) await walk(join(from, name), posix.join(to, name));
      return;
    }
    const base = done;
    await call<void>((cb) => sftp.fastPut(from, to, { step: (moved: number) => progress(base + moved) }, cb));
    done = base + st.size;
    progress(done);
  };
  await walk(source, path);
}
