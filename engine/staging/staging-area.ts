// A run's staging: remote inputs fetched once into the staging cache (reused by later runs and --resume), outputs
// put back, every transfer bounded in number, verified (verify.ts), retried and reported as stage.progress events
// (reported-transfer.ts).
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../cache-key.js';
import type { StageProgressEvent } from '../events.js';
import { showUri } from './errors.js';
import type { StagerRegistry } from './registry.js';
import { expandRemoteGlob } from './remote-glob.js';
import { cachePaths, commitEntry, partialDir, readMeta } from './staging-cache.js';
import type { RemoteEntry, Stager } from './stager.js';
import { reportedTransfers } from './reported-transfer.js';
import { createTransferPool } from './transfer-pool.js';
import { childUri, parseUri, uriBasename } from './uri.js';
import { localSize, verifyFetched, verifyPut } from './verify.js';

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

// Creates the staging area of one run.
export function createStagingArea(opts: StagingAreaOptions): StagingArea {
  const pool = createTransferPool({
    concurrency: opts.concurrency ?? 4,
    retries: opts.retries ?? 3,
    retryDelayMs: opts.retryDelayMs ?? 500,
  });
  const signal = opts.signal ?? new AbortController().signal;
  const checksum = opts.checksum === true;
  const transfers = reportedTransfers(pool, signal, opts.emit, opts.progressIntervalMs ?? 200);
  const { emit } = transfers;
  const inputs = new Map<string, Promise<StagedInput>>();
  const stats = { fetched: 0, reused: 0, put: 0, bytes: 0 };

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
    if (known !== undefined && (!checksum || known.sha256 !== undefined || entry.type !== 'file')) {
      stats.reused += 1;
      emit({ uri: shown, direction: 'in', state: 'reused', bytes: known.size, totalBytes: known.size, taskId });
      return { uri, path: paths.data, fingerprint, size: known.size, fetched: false };
    }
    mkdirSync(join(paths.dir, '..'), { recursive: true });
    const base = { uri: shown, direction: 'in', taskId } as const;
    const result = await transfers.run(base, entry.size, async (onProgress) => {
      const partial = partialDir(paths.dir);
      mkdirSync(partial, { recursive: true });
      try {
        const data = join(partial, paths.data.slice(paths.dir.length + 1));
        await stager.fetch(url, data, { signal, onProgress });
        const checked = await verifyFetched(stager, url, data, entry, checksum, signal);
        commitEntry(partial, paths.dir, { uri: url.href, version, size: checked.size, sha256: checked.sha });
        return checked;
      } catch (error) {
        rmSync(partial, { recursive: true, force: true });
        throw error;
      }
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
    await transfers.run(base, size, async (onProgress) => {
      await stager.put(source, url, { signal, onProgress });
      if (isFile) await verifyPut(stager, source, url, size, checksum, signal);
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
      // A `?` of the pattern is a glob character, not the start of a query.
      const url = parseUri(pattern.replaceAll('?', '%3F'));
      const stager = await opts.registry.stagerFor(url);
      const found = await pool.run(showUri(url), signal, () => expandRemoteGlob(stager, url, signal));
      return found.map((u) => u.href);
    },
    close: () => opts.registry.close(),
  };
}
