// A run's staging: remote inputs fetched once into the staging cache (reused by later runs and --resume), outputs
// put back, every transfer bounded in number, verified, retried and reported as stage.progress events.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../cache-key.js';
import type { StageProgressEvent } from '../events.js';
import { sha256File } from './checksum.js';
import { StagingError, StagingReason, showUri } from './errors.js';
import type { StagerRegistry } from './registry.js';
import { expandRemoteGlob } from './remote-glob.js';
import { cachePaths, commitEntry, partialDir, readMeta } from './staging-cache.js';
import type { RemoteEntry, Stager } from './stager.js';
import { asStagingError, createTransferPool } from './transfer-pool.js';
import { childUri, parseUri, uriBasename } from './uri.js';

// A remote input as the staging cache holds it.
export interface StagedInput {
  readonly uri: string;
  readonly path: string; // local copy (a file or a directory)
  readonly fingerprint: string; // URI and remote size+mtime (a listing digest for a folder): enters cache keys
  readonly size: number;
  readonly fetched: boolean; // false: reused from the cache
}

export interface StagingAreaOptions {
  readonly dir: string; // <launchDir>/.pipe/staging
  readonly registry: StagerRegistry;
  readonly concurrency?: number | undefined; // transfers at once (default 4)
  readonly retries?: number | undefined; // after a failed attempt (default 3)
  readonly retryDelayMs?: number | undefined; // before the first retry, doubling (default 500)
  readonly checksum?: boolean | undefined; // verify transfers by sha256 too
  readonly emit?: ((event: StageProgressEvent) => void) | undefined;
  readonly signal?: AbortSignal | undefined; // cancels every transfer
  readonly progressIntervalMs?: number | undefined; // least time between progress events of one transfer (200)
}

interface Described {
  readonly url: URL;
  readonly stager: Stager;
  readonly entry: RemoteEntry;
  readonly version: string;
  readonly paths: ReturnType<typeof cachePaths>;
}

export interface StagingArea {
  // The fingerprint of what `uri` holds now (its URI and remote size+mtime), for cache keys, without fetching it.
  fingerprint(uri: string): Promise<string>;
  // The fingerprint of `uri` if this run has looked it up already (with fingerprint or fetch), else undefined.
  knownFingerprint(uri: string): string | undefined;
  // The local copy of `uri`, fetching it unless this run or the cache already has it.
  fetch(uri: string, taskId?: string): Promise<StagedInput>;
  // Copies the local `source` to `uri`, verified.
  put(source: string, uri: string, taskId?: string): Promise<void>;
  // Whether `uri` already holds a file of the local `source`'s size (so putting it again can be skipped).
  holds(source: string, uri: string): Promise<boolean>;
  // The URIs of remote files matching a glob URI (sftp://host/data/*.fq).
  glob(pattern: string): Promise<string[]>;
  readonly stats: { fetched: number; reused: number; put: number; bytes: number };
  close(): Promise<void>;
}

// The version of a remote entry that keys its cache folder: size and mtime, or a listing's digest for a directory.
async function versionOf(stager: Stager, uri: URL, entry: RemoteEntry, signal: AbortSignal): Promise<string> {
  if (entry.type === 'file') return `${entry.size}:${entry.mtimeMs}`;
  const lines: string[] = [];
  const walk = async (dir: URL, prefix: string): Promise<void> => {
    for (const child of await stager.list(dir, signal)) {
      const name = `${prefix}${child.name}`;
      lines.push(`${child.type === 'directory' ? 'd' : 'f'} ${name} ${child.size} ${child.mtimeMs}`);
      if (child.type === 'directory') await walk(childUri(dir, child.name), `${name}/`);
    }
  };
  await walk(uri, '');
  return `dir:${sha256(lines.join('\n'))}`;
}

// Bytes under a local path (a file's size, or the sum over a tree).
async function localSize(path: string): Promise<number> {
  const st = await stat(path);
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of await readdir(path)) total += await localSize(join(path, name));
  return total;
}

// Creates the staging area of one run.
export function createStagingArea(opts: StagingAreaOptions): StagingArea {
  const pool = createTransferPool({
    concurrency: opts.concurrency ?? 4,
    retries: opts.retries ?? 3,
    retryDelayMs: opts.retryDelayMs ?? 500,
  });
  const signal = opts.signal ?? new AbortController().signal;
  const every = opts.progressIntervalMs ?? 200;
  const inputs = new Map<string, Promise<StagedInput>>();
  const stats = { fetched: 0, reused: 0, put: 0, bytes: 0 };
  const emit = (event: Omit<StageProgressEvent, 'type' | 'time'>): void =>
    opts.emit?.({ type: 'stage.progress', time: Date.now(), ...event });
  // A progress callback that emits at most once per `every` ms.
  const reporter = (base: Omit<StageProgressEvent, 'type' | 'time' | 'state' | 'bytes'>) => {
    let last = 0;
    return (bytes: number, total: number): void => {
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      emit({ ...base, state: 'progress', bytes, totalBytes: total > 0 ? total : base.totalBytes });
    };
  };

  // Checks a downloaded file against the remote's size (and checksum): a mismatch is retried.
  const verify = async (stager: Stager, url: URL, path: string, entry: RemoteEntry) => {
    const size = await localSize(path);
    if (entry.type === 'file' && size !== entry.size)
      throw new StagingError(showUri(url), StagingReason.Verify, `size mismatch: expected ${entry.size}, got ${size}`);
    if (opts.checksum !== true || entry.type !== 'file') return { size, sha: undefined };
    const [local, remote] = await Promise.all([sha256File(path, signal), stager.checksum?.(url, signal)]);
    if (remote !== undefined && remote !== local)
      throw new StagingError(showUri(url), StagingReason.Verify, `sha256 mismatch: expected ${remote}, got ${local}`);
    return { size, sha: local };
  };

  // What the remote side holds at `uri` now: looked up once per run.
  const described = new Map<string, Promise<Described>>();
  const known = new Map<string, string>(); // uri → fingerprint, once described
  const describe = (uri: string): Promise<Described> => {
    let found = described.get(uri);
    if (found === undefined) {
      found = (async () => {
        const url = parseUri(uri);
        const stager = await opts.registry.stagerFor(url);
        const entry = await pool.run(showUri(url), signal, () => stager.stat(url, signal));
        const version = await versionOf(stager, url, entry, signal);
        known.set(uri, `${url.href}@${version}`);
        return { url, stager, entry, version, paths: cachePaths(opts.dir, url.href, version, uriBasename(url)) };
      })();
      described.set(uri, found);
      found.catch(() => described.delete(uri));
    }
    return found;
  };

  const fetchOnce = async (uri: string, taskId: string | undefined): Promise<StagedInput> => {
    const { url, stager, entry, version, paths } = await describe(uri);
    const shown = showUri(url);
    const fingerprint = `${url.href}@${version}`;
    const known = readMeta(paths.meta, version);
    if (known !== undefined && (opts.checksum !== true || known.sha256 !== undefined || entry.type !== 'file')) {
      stats.reused += 1;
      emit({ uri: shown, direction: 'in', state: 'reused', bytes: known.size, totalBytes: known.size, taskId });
      return { uri, path: paths.data, fingerprint, size: known.size, fetched: false };
    }
    mkdirSync(join(paths.dir, '..'), { recursive: true });
    const base = { uri: shown, direction: 'in', taskId } as const;
    const progress = reporter({ ...base, totalBytes: entry.size });
    const result = await pool
      .run(
        shown,
        signal,
        async (attempt) => {
          const partial = partialDir(paths.dir);
          mkdirSync(partial, { recursive: true });
          try {
            emit({ ...base, state: 'started', bytes: 0, totalBytes: entry.size, attempt });
            const data = join(partial, paths.data.slice(paths.dir.length + 1));
            await stager.fetch(url, data, { signal, onProgress: (bytes, total) => progress(bytes, total) });
            const checked = await verify(stager, url, data, entry);
            commitEntry(partial, paths.dir, { uri: url.href, version, size: checked.size, sha256: checked.sha });
            return checked;
          } catch (error) {
            rmSync(partial, { recursive: true, force: true });
            throw error;
          }
        },
        (error, attempt) => emit({ ...base, state: 'retry', bytes: 0, attempt, reason: error.message }),
      )
      .catch((error: unknown) => {
        const failure = asStagingError(shown, error, signal);
        emit({ ...base, state: 'failed', bytes: 0, reason: failure.message });
        throw failure;
      });
    stats.fetched += 1;
    stats.bytes += result.size;
    emit({ ...base, state: 'done', bytes: result.size, totalBytes: result.size });
    return { uri, path: paths.data, fingerprint, size: result.size, fetched: true };
  };

  const putOnce = async (source: string, uri: string, taskId: string | undefined): Promise<void> => {
    const url = parseUri(uri);
    const shown = showUri(url);
    const stager = await opts.registry.stagerFor(url);
    const size = await localSize(source);
    const isFile = !statSync(source).isDirectory();
    const base = { uri: shown, direction: 'out', taskId } as const;
    const progress = reporter({ ...base, totalBytes: size });
    await pool
      .run(
        shown,
        signal,
        async (attempt) => {
          emit({ ...base, state: 'started', bytes: 0, totalBytes: size, attempt });
          await stager.put(source, url, { signal, onProgress: (bytes, total) => progress(bytes, total) });
          if (!isFile) return;
          const there = await stager.stat(url, signal);
          if (there.size !== size)
            throw new StagingError(shown, StagingReason.Verify, `size mismatch: sent ${size}, found ${there.size}`);
          if (opts.checksum !== true) return;
          const [local, remote] = await Promise.all([sha256File(source, signal), stager.checksum?.(url, signal)]);
          if (remote !== undefined && remote !== local)
            throw new StagingError(shown, StagingReason.Verify, `sha256 mismatch: sent ${local}, found ${remote}`);
        },
        (error, attempt) => emit({ ...base, state: 'retry', bytes: 0, attempt, reason: error.message }),
      )
      .catch((error: unknown) => {
        const failure = asStagingError(shown, error, signal);
        emit({ ...base, state: 'failed', bytes: 0, reason: failure.message });
        throw failure;
      });
    stats.put += 1;
    stats.bytes += size;
    emit({ ...base, state: 'done', bytes: size, totalBytes: size });
  };

  return {
    stats,
    fingerprint: async (uri) => {
      const { url, version } = await describe(uri);
      return `${url.href}@${version}`;
    },
    knownFingerprint: (uri) => known.get(uri),
    fetch(uri, taskId) {
      let staged = inputs.get(uri);
      if (staged === undefined) {
        staged = fetchOnce(uri, taskId);
        inputs.set(uri, staged);
        // A failed fetch is not remembered: a retried task tries again.
        staged.catch(() => inputs.delete(uri));
      }
      return staged;
    },
    put: (source, uri, taskId) => putOnce(source, uri, taskId),
    async holds(source, uri) {
      const url = parseUri(uri);
      const stager = await opts.registry.stagerFor(url);
      const there = await stager.stat(url, signal).catch(() => undefined);
      const st = statSync(source);
      return there !== undefined && (st.isDirectory() ? there.type === 'directory' : there.size === st.size);
    },
    async glob(pattern) {
      const url = parseUri(pattern);
      const stager = await opts.registry.stagerFor(url);
      const found = await pool.run(showUri(url), signal, () => expandRemoteGlob(stager, url, signal));
      return found.map((u) => u.href);
    },
    close: () => opts.registry.close(),
  };
}
