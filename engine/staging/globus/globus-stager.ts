// The globus:// scheme (globus://COLLECTION_ID/path): stat and listing through the Transfer API's file operations;
// fetch and put as Transfer tasks between that collection and the one on this machine (PIPE_GLOBUS_LOCAL_ENDPOINT,
// whose "/" is the local directory PIPE_GLOBUS_LOCAL_ROOT, default "/"): submission id → submit → poll → cancel.
// https://docs.globus.org/api/transfer/task_submit/, /task/, /file_operations/
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { StagingError, StagingReason, showUri } from '../errors.js';
import type { RemoteEntry, Stager, TransferOptions } from '../stager.js';
import { globusSdk } from '../packages.js';
import { uriPath } from '../uri.js';
import { globusError } from './globus-errors.js';
import { createTokenSource, type TokenOptions, type TokenSource } from './globus-tokens.js';

export interface GlobusStagerOptions extends TokenOptions {
  readonly pollIntervalMs?: number | undefined; // default 2 s
  readonly tokens?: TokenSource | undefined;
}

type Sdk = typeof import('@globus/sdk');
interface FileDoc {
  readonly name: string;
  readonly type: string;
  readonly size?: number;
  readonly last_modified?: string;
}

// A Transfer file document as a staging entry ("2024-01-02 03:04:05+00:00" is UTC).
function toEntry(doc: FileDoc): RemoteEntry {
  const dir = doc.type === 'dir';
  const mtime = doc.last_modified === undefined ? 0 : Date.parse(doc.last_modified.replace(' ', 'T'));
  return { name: doc.name, type: dir ? 'directory' : 'file', size: dir ? 0 : (doc.size ?? 0), mtimeMs: mtime };
}

// Waits `ms` unless `signal` aborts first.
const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
  });

// Creates the Globus stager.
export function createGlobusStager(opts: GlobusStagerOptions = {}): Stager {
  const env = opts.env ?? process.env;
  const tokens = opts.tokens ?? createTokenSource(opts);
  const every = opts.pollIntervalMs ?? 2_000;
  let sdk: Sdk | undefined;

  // Calls the Transfer API with a bearer token, renewing the token once after a 401.
  const api = async (uri: string, call: (sdk: Sdk, headers: Record<string, string>) => Promise<Response>) => {
    const loaded = (sdk ??= globusSdk());
    let res = await call(loaded, { Authorization: `Bearer ${await tokens.accessToken()}` });
    if (res.status === 401) res = await call(loaded, { Authorization: `Bearer ${await tokens.accessToken(true)}` });
    if (!res.ok) throw await globusError(uri, res, env);
    return res.json() as Promise<Record<string, unknown>>;
  };

  // The local collection and the path in it of a local path.
  const local = (uri: string, path: string): { endpoint: string; path: string } => {
    const endpoint = env.PIPE_GLOBUS_LOCAL_ENDPOINT;
    if (endpoint === undefined || endpoint === '')
      throw new StagingError(uri, StagingReason.Scheme, 'no Globus collection on this machine to transfer to or from', {
        hint: 'set PIPE_GLOBUS_LOCAL_ENDPOINT to its collection id (e.g. Globus Connect Personal) and PIPE_GLOBUS_LOCAL_ROOT to the directory it shares as "/"',
      });
    const rel = relative(resolve(env.PIPE_GLOBUS_LOCAL_ROOT ?? '/'), path);
    if (rel.startsWith('..') || isAbsolute(rel))
      throw new StagingError(uri, StagingReason.Permission, `${path} is outside the local collection's root`, {
        hint: 'set PIPE_GLOBUS_LOCAL_ROOT to a directory holding .pipe/staging and the outputs',
      });
    return { endpoint, path: `/${rel}` };
  };

  // Submits one Transfer task and polls it to SUCCEEDED; FAILED is an error, an abort cancels the task.
  const transfer = async (
    uri: URL,
    from: { endpoint: string; path: string },
    to: { endpoint: string; path: string },
    recursive: boolean,
    o: TransferOptions,
  ): Promise<void> => {
    const shown = showUri(uri);
    o.signal.throwIfAborted();
    const sub = await api(shown, (s, headers) => s.transfer.taskSubmission.submissionId({ headers }));
    const submitted = await api(shown, (s, headers) =>
      s.transfer.taskSubmission.submitTransfer({
        payload: {
          submission_id: String(sub.value),
          label: `pipe ${shown}`.slice(0, 128),
          source_endpoint: from.endpoint,
          destination_endpoint: to.endpoint,
          verify_checksum: true,
          DATA: [{ DATA_TYPE: 'transfer_item', source_path: from.path, destination_path: to.path, recursive }],
        },
        headers,
      }),
    );
    const taskId = String(submitted.task_id);
    for (;;) {
      await pause(every, o.signal);
      if (o.signal.aborted) {
        await api(shown, (s, headers) => s.transfer.task.cancel(taskId, { headers })).catch(() => undefined);
        throw new StagingError(shown, StagingReason.Cancelled, `cancelled (Globus task ${taskId} cancelled)`);
      }
      const task = await api(shown, (s, headers) => s.transfer.task.get(taskId, { headers }));
      const bytes = Number(task.bytes_transferred ?? 0);
      o.onProgress?.(bytes, 0);
      if (task.status === 'SUCCEEDED') return;
      if (task.status === 'FAILED') {
        const fatal = task.fatal_error as { code?: string; description?: string } | null;
        const why = fatal?.description ?? fatal?.code ?? String(task.nice_status ?? 'failed');
        throw new StagingError(shown, StagingReason.Transient, `Globus task ${taskId} failed: ${why}`);
      }
    }
  };

  const stat = async (uri: URL): Promise<RemoteEntry> => {
    const doc = await api(showUri(uri), (s, headers) =>
      s.transfer.fileOperations.stat(uri.hostname, { query: { path: uriPath(uri) }, headers }),
    );
    return toEntry(doc as unknown as FileDoc);
  };

  return {
    schemes: ['globus'],
    stat: (uri, signal) => (signal.throwIfAborted(), stat(uri)),
    async list(uri, signal) {
      signal.throwIfAborted();
      const doc = await api(showUri(uri), (s, headers) =>
        s.transfer.fileOperations.ls(uri.hostname, { query: { path: uriPath(uri) }, headers }),
      );
      return (doc.DATA as FileDoc[]).map(toEntry).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async fetch(uri, dest, o) {
      const entry = await stat(uri);
      const remote = { endpoint: uri.hostname, path: uriPath(uri) };
      const progress = (bytes: number): void => o.onProgress?.(bytes, entry.size);
      await transfer(uri, remote, local(showUri(uri), dest), entry.type === 'directory', {
        ...o,
        onProgress: progress,
      });
    },
    async put(source, uri, o) {
      const remote = { endpoint: uri.hostname, path: uriPath(uri) };
      await transfer(uri, local(showUri(uri), source), remote, statSync(source).isDirectory(), o);
    },
    close: async () => {},
  };
}
