import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StagingError } from '../../../engine/staging/errors.js';
import { createGlobusStager } from '../../../engine/staging/globus/globus-stager.js';
import { storeTokens } from '../../../engine/staging/globus/globus-tokens.js';
import { describeStagerConformance } from './conformance.js';
import { startGlobusMock, type GlobusMock } from './globus-mock.js';

const REMOTE = 'ddb59aef-6d04-11e5-ba46-22000b92c6ec';
const LOCAL = '4f0e8b6c-6d04-11e5-ba46-22000b92c6ec';
let mock: GlobusMock;
const env = (): NodeJS.ProcessEnv => ({
  GLOBUS_CLIENT_ID: mock.clientId,
  GLOBUS_CLIENT_SECRET: mock.clientSecret,
  PIPE_GLOBUS_LOCAL_ENDPOINT: LOCAL,
  PIPE_GLOBUS_LOCAL_ROOT: '/',
  GLOBUS_SDK_SERVICE_URL_AUTH: mock.url,
});
const never = (): AbortSignal => new AbortController().signal;

beforeAll(async () => {
  mock = await startGlobusMock({ [REMOTE]: '/', [LOCAL]: '/' });
  mock.pollsToFinish = 1;
  // The SDK reads its service URLs from the process environment at call time.
  process.env.GLOBUS_SDK_SERVICE_URL_AUTH = mock.url;
  process.env.GLOBUS_SDK_SERVICE_URL_TRANSFER = mock.url;
});
afterAll(() => mock.close());

describeStagerConformance('globus', async () => {
  const root = mkdtempSync(join(tmpdir(), 'pipe-globus-remote-'));
  return {
    stager: createGlobusStager({ env: env(), pollIntervalMs: 5 }),
    root: new URL(`globus://${REMOTE}${root}`),
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('globus stager against the mock Transfer API', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pipe-globus-'));
    writeFileSync(join(dir, 'in.txt'), 'remote data');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const uri = (): URL => new URL(`globus://${REMOTE}${dir}/in.txt`);

  it('submits a transfer and polls it until SUCCEEDED', async () => {
    mock.pollsToFinish = 3;
    const stager = createGlobusStager({ env: env(), pollIntervalMs: 5 });
    await stager.fetch(uri(), join(dir, 'out1.txt'), { signal: never() });
    expect(readFileSync(join(dir, 'out1.txt'), 'utf8')).toBe('remote data');
    const last = [...mock.tasks.values()].at(-1)!;
    expect(last).toMatchObject({ status: 'SUCCEEDED', polls: 3 });
    mock.pollsToFinish = 1;
  });

  it('reports a FAILED task with its fatal error', async () => {
    mock.failNextTask = 'Permission denied on the destination';
    const stager = createGlobusStager({ env: env(), pollIntervalMs: 5 });
    const error = (await stager
      .fetch(uri(), join(dir, 'out2.txt'), { signal: never() })
      .catch((e) => e)) as StagingError;
    expect(error.message).toMatch(
      /^globus:\/\/.*in\.txt: Globus task .* failed: Permission denied on the destination$/,
    );
  });

  it('cancels the Globus task when the transfer is cancelled', async () => {
    mock.pollsToFinish = 1_000;
    const stager = createGlobusStager({ env: env(), pollIntervalMs: 5 });
    const controller = new AbortController();
    const pending = stager.fetch(uri(), join(dir, 'out3.txt'), { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    const error = (await pending.catch((e: unknown) => e)) as StagingError;
    expect(error.reason).toBe('cancelled');
    expect(mock.cancelled).toHaveLength(1);
    expect(mock.tasks.get(mock.cancelled[0]!)?.nice_status).toBe('CANCELED');
    mock.pollsToFinish = 1;
  });

  it('refreshes an expired stored access token with the refresh token, and stores the new one 0600', async () => {
    const tokens = join(dir, 'tokens.json');
    storeTokens(tokens, {
      client_id: 'native-app',
      refresh_token: mock.refreshToken,
      access_token: 'tok-expired',
      expires_at: Date.now() - 1_000,
    });
    const before = mock.grants.length;
    const stager = createGlobusStager({
      env: { ...env(), GLOBUS_CLIENT_ID: undefined, GLOBUS_CLIENT_SECRET: undefined, PIPE_GLOBUS_TOKENS: tokens },
      pollIntervalMs: 5,
    });
    expect((await stager.stat(uri(), never())).size).toBe(11);
    expect(mock.grants.slice(before)).toEqual(['refresh_token']);
    const stored = JSON.parse(readFileSync(tokens, 'utf8')) as { access_token: string; expires_at: number };
    expect(stored.access_token).toMatch(/^tok-/);
    expect(stored.expires_at).toBeGreaterThan(Date.now());
    expect(statSync(tokens).mode & 0o777).toBe(0o600);
  });

  it('gets a new token when the API says the current one is no longer active', async () => {
    const stager = createGlobusStager({ env: env(), pollIntervalMs: 5 });
    await stager.stat(uri(), never());
    mock.revokeAll();
    const before = mock.grants.length;
    expect((await stager.stat(uri(), never())).type).toBe('file');
    expect(mock.grants.slice(before)).toEqual(['client_credentials']);
  });

  it('names the consent a collection requires, with the URL to grant it', async () => {
    mock.consentNext = true;
    const stager = createGlobusStager({ env: env(), pollIntervalMs: 5 });
    const error = (await stager
      .fetch(uri(), join(dir, 'out4.txt'), { signal: never() })
      .catch((e) => e)) as StagingError;
    expect(error.reason).toBe('consent');
    expect(error.message).toContain(`https://auth.globus.org/scopes/${REMOTE}/data_access`);
    expect(error.hint).toContain(`${mock.url}v2/oauth2/authorize?`);
    expect(error.retryable).toBe(false);
  });

  it('says when there is no login and no client credentials', async () => {
    const stager = createGlobusStager({ env: { PIPE_GLOBUS_TOKENS: join(dir, 'none.json') } });
    const error = (await stager.stat(uri(), never()).catch((e) => e)) as StagingError;
    expect(error.reason).toBe('auth');
    expect(error.hint).toMatch(/pipe globus login/);
  });

  it('names a path that is not there', async () => {
    const stager = createGlobusStager({ env: env() });
    const error = (await stager
      .stat(new URL(`globus://${REMOTE}${dir}/missing`), never())
      .catch((e) => e)) as StagingError;
    expect(error.reason).toBe('not-found');
    expect(error.message).toMatch(/missing: ClientError\.NotFound: Path not found/);
  });
});
