import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, RefusedError } from '../../../../backends/pilot/client/pilot-client.js';
import { selfSignedCertificate } from '../../../helpers/certificate.js';
import { shell, startServer, TOKEN, type TestServer } from './server-fixture.js';

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

  it('rejects a client with a wrong token with a RefusedError', async () => {
    t = await startServer(':memory:');
    await expect(connectClient(t.server.url, 'wrong')).rejects.toBeInstanceOf(RefusedError);
    expect(await t.logged('client-refused')).toHaveLength(1);
  });
});
