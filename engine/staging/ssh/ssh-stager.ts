// The scp:// and sftp:// schemes: both move data over SSH's SFTP subsystem (as OpenSSH 9's own scp does), on one
// connection per user@host:port, with a channel per transfer so that cancelling one closes only it.
import type { Client, SFTPWrapper } from 'ssh2';
import { shellQuote } from '../../workdir/shell-quote.js';
import { showUri, StagingError, StagingReason } from '../errors.js';
import type { Stager } from '../stager.js';
import { uriPath } from '../uri.js';
import { connect, resolveTarget, type SshEnv, type SshTarget } from './ssh-connect.js';
import { sftpError, sftpFetch, sftpList, sftpPut, sftpStat } from './sftp-ops.js';

// Opens an SFTP channel on `client`.
function openSftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp))));
}

// Creates the ssh stager.
export function createSshStager(opts: SshEnv = {}): Stager {
  const clients = new Map<string, Promise<Client>>();
  const shared = new Map<string, Promise<SFTPWrapper>>(); // one channel per connection for stat and list

  const clientFor = (uri: URL): { key: string; client: Promise<Client>; target: SshTarget } => {
    const target = resolveTarget(uri, opts);
    const key = `${target.user}@${target.host}:${target.port}`;
    let client = clients.get(key);
    if (client === undefined) {
      client = connect(showUri(uri), target);
      clients.set(key, client);
      client.then(
        (c) =>
          c.once('close', () => {
            clients.delete(key);
            shared.delete(key);
          }),
        () => clients.delete(key),
      );
    }
    return { key, client, target };
  };

  // Runs `work` on the connection's shared channel.
  const onShared = async <T>(uri: URL, signal: AbortSignal, work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> => {
    signal.throwIfAborted();
    const { key, client } = clientFor(uri);
    let sftp = shared.get(key);
    if (sftp === undefined) {
      sftp = client.then(openSftp);
      shared.set(key, sftp);
      sftp.catch(() => shared.delete(key));
    }
    try {
      return await work(await sftp);
    } catch (error) {
      throw sftpError(showUri(uri), error);
    }
  };

  // Runs `work` on a channel of its own, closed when it ends or when `signal` aborts.
  const onOwn = async (uri: URL, signal: AbortSignal, work: (sftp: SFTPWrapper) => Promise<void>): Promise<void> => {
    signal.throwIfAborted();
    const sftp = await openSftp(await clientFor(uri).client).catch((error: unknown) => {
      throw sftpError(showUri(uri), error);
    });
    const onAbort = (): void => sftp.end();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await work(sftp);
    } catch (error) {
      if (signal.aborted) throw new StagingError(showUri(uri), StagingReason.Cancelled, 'cancelled', { cause: error });
      throw sftpError(showUri(uri), error);
    } finally {
      signal.removeEventListener('abort', onAbort);
      sftp.end();
    }
  };

  return {
    schemes: ['scp', 'sftp'],
    stat: (uri, signal) => onShared(uri, signal, (sftp) => sftpStat(sftp, uriPath(uri))),
    list: (uri, signal) => onShared(uri, signal, (sftp) => sftpList(sftp, uriPath(uri))),
    fetch: (uri, dest, o) =>
      onOwn(uri, o.signal, async (sftp) => {
        const entry = await sftpStat(sftp, uriPath(uri));
        await sftpFetch(sftp, uriPath(uri), dest, (bytes) => o.onProgress?.(bytes, entry.size));
      }),
    put: (source, uri, o) =>
      onOwn(uri, o.signal, (sftp) => sftpPut(sftp, source, uriPath(uri), (b) => o.onProgress?.(b, 0))),
    // sha256sum where the file is, when the remote host has it.
    async checksum(uri, signal) {
      signal.throwIfAborted();
      const client = await clientFor(uri).client;
      const out = await new Promise<string | undefined>((resolve, reject) =>
        client.exec(`sha256sum -- ${shellQuote(uriPath(uri))}`, (error, stream) => {
          if (error) return reject(sftpError(showUri(uri), error));
          let text = '';
          stream.on('data', (d: Buffer) => (text += d.toString()));
          stream.stderr.resume();
          stream.on('close', (code: number | null) => resolve(code === 0 ? text : undefined));
        }),
      );
      return out?.split(/\s/)[0];
    },
    async close() {
      const all = await Promise.allSettled(clients.values());
      clients.clear();
      shared.clear();
      for (const c of all) if (c.status === 'fulfilled') c.value.end();
    },
  };
}
