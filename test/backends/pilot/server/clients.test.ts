import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, RefusedError } from '../../../../backends/pilot/client/pilot-client.js';
import { selfSignedCertificate } from '../../../helpers/certificate.js';
import { shell, startServer, TOKEN, type TestServer } from './server-fixture.js';
import { testToken } from '../../../helpers/token.js';

describe('pilot server clients', () => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.server.close();
    t = undefined;
  });

  it('serves tls:// when given a certificate, to clients that trust it', async () => {
    const tls = selfSignedCertificate();
    t = await startServer(':memory:', { tls });
    expect(t.server.url).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
    const client = await connectClient(t.server.url, TOKEN, { ca: tls.cert });
    const ids = await client.submit([shell('echo secure', { tags: { run: 'r1' } })]);
    const { counts, tasks } = await client.query({ tags: { run: 'r1' } });
    client.close();
    expect(counts.queued).toBe(1);
    expect(tasks).toMatchObject([{ id: ids[0], command: 'echo secure', state: 'queued', tags: { run: 'r1' } }]);
  });

  it('answers a submit of malformed tasks with an error naming the field, and keeps the connection', async () => {
    t = await startServer(':memory:');
    const client = await connectClient(t.server.url, TOKEN);
    await expect(client.submit([{ light: true } as never])).rejects.toThrow(/invalid tasks at 0\.command/);
    expect(await client.submit([shell('ok')])).toHaveLength(1);
    client.close();
  });

  it('refuses a token shorter than 32 bytes, on the server and on the client, before any connection', async () => {
    await expect(startServer(':memory:', { token: 'short' })).rejects.toThrow(
      'the token in the pilot server’s options is 5 bytes long; pilot tokens need at least 32',
    );
    t = await startServer(':memory:');
    await expect(connectClient(t.server.url, 'short')).rejects.toThrow('pilot tokens need at least 32');
    expect(t.logs.filter((l) => l.event === 'client-refused')).toHaveLength(0);
  });

  it('rejects a client with a wrong token with a RefusedError', async () => {
    t = await startServer(':memory:');
    await expect(connectClient(t.server.url, testToken('wrong'))).rejects.toBeInstanceOf(RefusedError);
    expect(await t.logged('client-refused')).toHaveLength(1);
  });
});
