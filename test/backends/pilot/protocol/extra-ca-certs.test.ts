import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { selfSignedCertificate } from '../../../helpers/certificate.js';
import { scratchDir } from '../../../helpers/cli.js';

// The module keeps what was deferred for the process: each test loads it afresh.
const load = async (): Promise<typeof import('../../../../backends/pilot/protocol/extra-ca-certs.js')> =>
  import('../../../../backends/pilot/protocol/extra-ca-certs.js');
beforeEach(() => vi.resetModules());

describe('NODE_EXTRA_CA_CERTS set aside by the executable', () => {
  it('is put back into the environment, and the deferring variable removed', async () => {
    const { restoreExtraCaCerts, DEFERRED_VARIABLE } = await load();
    const env: NodeJS.ProcessEnv = { [DEFERRED_VARIABLE]: '/etc/site-ca.pem', PATH: '/bin' };
    restoreExtraCaCerts(env);
    expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/etc/site-ca.pem', PATH: '/bin' });
  });

  it("leaves Node's default store alone when nothing was deferred", async () => {
    const { restoreExtraCaCerts, deferredCaCertificates } = await load();
    const env: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: '/etc/site-ca.pem' };
    restoreExtraCaCerts(env);
    expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/etc/site-ca.pem' });
    expect(deferredCaCertificates()).toBeUndefined();
  });

  it("gives the deferred file's certificates", async () => {
    const { restoreExtraCaCerts, deferredCaCertificates, DEFERRED_VARIABLE } = await load();
    const { certFile, cert } = selfSignedCertificate();
    restoreExtraCaCerts({ [DEFERRED_VARIABLE]: certFile });
    expect(deferredCaCertificates()).toBe(cert);
  });

  it('warns once about an unreadable file and gives no certificates, as Node does', async () => {
    const { restoreExtraCaCerts, deferredCaCertificates, DEFERRED_VARIABLE } = await load();
    const missing = join(scratchDir(), 'missing.pem');
    restoreExtraCaCerts({ [DEFERRED_VARIABLE]: missing });
    const warnings: string[] = [];
    expect(deferredCaCertificates((line) => warnings.push(line))).toBeUndefined();
    expect(deferredCaCertificates((line) => warnings.push(line))).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(missing);
  });

  it('gives the warning to the sink the command line named when the executable restored the variable', async () => {
    const { restoreExtraCaCerts, deferredCaCertificates, DEFERRED_VARIABLE } = await load();
    const missing = join(scratchDir(), 'missing.pem');
    const warnings: string[] = [];
    restoreExtraCaCerts({ [DEFERRED_VARIABLE]: missing }, (line) => warnings.push(line));
    expect(deferredCaCertificates()).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining(missing)]);
  });
});
