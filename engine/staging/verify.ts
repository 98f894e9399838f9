// How a staging transfer is checked: a fetched copy against the remote entry's size (and sha256 when asked), a
// put file against what the remote side then holds. A mismatch is a StagingError the transfer pool retries.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from './checksum.js';
import { StagingError, StagingReason, showUri } from './errors.js';
import type { RemoteEntry, Stager } from './stager.js';

// Bytes under a local path (a file's size, or the sum over a tree).
export async function localSize(path: string): Promise<number> {
  const st = await stat(path);
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of await readdir(path)) total += await localSize(join(path, name));
  return total;
}

// Checks a downloaded copy at `path` of the remote `entry`; returns its size and, when checked, its sha256.
export async function verifyFetched(
  stager: Stager,
  url: URL,
  path: string,
  entry: RemoteEntry,
  checksum: boolean,
  signal: AbortSignal,
): Promise<{ size: number; sha: string | undefined }> {
  const size = await localSize(path);
  if (entry.type === 'file' && size !== entry.size)
    throw new StagingError(showUri(url), StagingReason.Verify, `size mismatch: expected ${entry.size}, got ${size}`);
  if (!checksum || entry.type !== 'file') return { size, sha: undefined };
  const [local, remote] = await Promise.all([sha256File(path, signal), stager.checksum?.(url, signal)]);
  if (remote !== undefined && remote !== local)
    throw new StagingError(showUri(url), StagingReason.Verify, `sha256 mismatch: expected ${remote}, got ${local}`);
  return { size, sha: local };
}

// Checks that `url` now holds the local file `source` of `size` bytes (and its sha256 when asked).
export async function verifyPut(
  stager: Stager,
  source: string,
  url: URL,
  size: number,
  checksum: boolean,
  signal: AbortSignal,
): Promise<void> {
  const shown = showUri(url);
  const there = await stager.stat(url, signal);
  if (there.size !== size)
    throw new StagingError(shown, StagingReason.Verify, `size mismatch: sent ${size}, found ${there.size}`);
  if (!checksum) return;
  const [local, remote] = await Promise.all([sha256File(source, signal), stager.checksum?.(url, signal)]);
  if (remote !== undefined && remote !== local)
    throw new StagingError(shown, StagingReason.Verify, `sha256 mismatch: sent ${local}, found ${remote}`);
}
