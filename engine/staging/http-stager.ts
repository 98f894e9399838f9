// The http:// and https:// schemes, read-only: a URL names one file, fetched by GET (as Nextflow stages a "foreign
// file"); its size and modification time come from the response headers. Nothing can be listed or put there.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { showUri, StagingError, StagingReason } from './errors.js';
import type { RemoteEntry, Stager, TransferOptions } from './stager.js';

// A failed request as a staging error: the status says whether trying again can help.
function statusError(uri: URL, response: Response): StagingError {
  const detail = `HTTP ${response.status} ${response.statusText}`.trim();
  if (response.status === 404 || response.status === 410)
    return new StagingError(showUri(uri), StagingReason.NotFound, detail, { hint: 'check the URL' });
  if (response.status === 401 || response.status === 403)
    return new StagingError(showUri(uri), StagingReason.Permission, detail, {
      hint: 'the server refuses the file without credentials pipe does not send',
    });
  const reason = response.status >= 500 || response.status === 429 ? StagingReason.Transient : StagingReason.NotFound;
  return new StagingError(showUri(uri), reason, detail, { hint: 'check the URL' });
}

// A network failure (no such host, refused, reset, cancelled) as a staging error.
function networkError(uri: URL, error: unknown): StagingError {
  if (error instanceof StagingError) return error;
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if ((error as Error).name === 'AbortError' || code === 'ABORT_ERR')
    return new StagingError(showUri(uri), StagingReason.Cancelled, 'cancelled', { cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new StagingError(showUri(uri), StagingReason.UnknownHost, `unknown host ${uri.hostname}`, {
      cause: error,
      hint: 'check the host name and the network (offline, give a local copy of the file instead)',
    });
  return new StagingError(showUri(uri), StagingReason.Transient, `${message}${code ? ` (${code})` : ''}`, {
    cause: error,
  });
}

// GET or HEAD `uri`, following redirects; a status other than 2xx is an error.
async function request(uri: URL, method: 'GET' | 'HEAD', signal: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(uri, { method, signal, redirect: 'follow' });
  } catch (error) {
    throw networkError(uri, error);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw statusError(uri, response);
  }
  return response;
}

// The entry a response describes; a response without Content-Length is read through to count its bytes.
async function entryOf(uri: URL, response: Response): Promise<RemoteEntry> {
  const modified = Date.parse(response.headers.get('last-modified') ?? '');
  const length = Number.parseInt(response.headers.get('content-length') ?? '', 10);
  let size = length;
  if (Number.isNaN(length)) {
    size = 0;
    if (response.body) for await (const chunk of response.body) size += (chunk as Uint8Array).byteLength;
  } else await response.body?.cancel();
  const name = posix.basename(decodeURIComponent(uri.pathname));
  return { name, type: 'file', size, mtimeMs: Number.isNaN(modified) ? 0 : modified };
}

async function fetchTo(uri: URL, dest: string, opts: TransferOptions): Promise<void> {
  const response = await request(uri, 'GET', opts.signal);
  const total = Number.parseInt(response.headers.get('content-length') ?? '', 10) || 0;
  let done = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.byteLength;
      opts.onProgress?.(done, Math.max(total, done));
      callback(null, chunk);
    },
  });
  await mkdir(dirname(dest), { recursive: true });
  if (response.body === null) throw new StagingError(showUri(uri), StagingReason.Transient, 'the response has no body');
  try {
    await pipeline(Readable.fromWeb(response.body as never), count, createWriteStream(dest), { signal: opts.signal });
  } catch (error) {
    throw networkError(uri, error);
  }
}

// Creates the http(s) stager.
export function createHttpStager(): Stager {
  return {
    schemes: ['http', 'https'],
    // HEAD, or GET when the server refuses HEAD or gives no length with it.
    async stat(uri, signal) {
      const head = await request(uri, 'HEAD', signal).catch((error: unknown) => {
        if (error instanceof StagingError && error.reason === StagingReason.NotFound) return undefined;
        throw error;
      });
      if (head?.headers.has('content-length')) return entryOf(uri, head);
      return entryOf(uri, await request(uri, 'GET', signal));
    },
    list: async (uri) => {
      throw new StagingError(showUri(uri), StagingReason.Scheme, 'an http(s) URL cannot be listed', {
        hint: 'name each file by its own URL; patterns work with scp://, sftp://, globus:// and local paths',
      });
    },
    fetch: fetchTo,
    put: async (_source, uri) => {
      throw new StagingError(showUri(uri), StagingReason.Scheme, 'pipe does not upload to http(s) URLs', {
        hint: 'publish to a local folder, or to scp://, sftp:// or globus://',
      });
    },
    close: async () => {},
  };
}
