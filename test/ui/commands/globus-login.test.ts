import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globusLoginCommand } from '../../../ui/commands/globus.js';
import { startGlobusMock, type GlobusMock } from '../../engine/staging/globus-mock.js';

describe('pipe globus login', () => {
  let mock: GlobusMock;
  let dir: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    mock = await startGlobusMock({});
    dir = mkdtempSync(join(tmpdir(), 'pipe-globus-login-'));
    process.env.GLOBUS_SDK_SERVICE_URL_AUTH = mock.url;
    process.env.PIPE_GLOBUS_TOKENS = join(dir, 'sub', 'tokens.json');
  });
  afterAll(async () => {
    process.env = saved;
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the PKCE authorization URL, exchanges the pasted code and stores the refresh token 0600', async () => {
    let printed = '';
    const code = await globusLoginCommand(
      { clientId: 'native-app' },
      { input: Readable.from(['good-code\n']), write: (t) => (printed += t) },
    );
    expect(code).toBe(0);
    const url = new URL(/\n {2}(\S+)\n/.exec(printed)![1]!);
    expect(url.href.startsWith(`${mock.url}v2/oauth2/authorize?`)).toBe(true);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toBe('urn:globus:auth:scope:transfer.api.globus.org:all');
    const file = process.env.PIPE_GLOBUS_TOKENS!;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      client_id: 'native-app',
      refresh_token: mock.refreshToken,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(mock.grants.at(-1)).toBe('authorization_code');
  });

  it('refuses a code Globus Auth does not accept', async () => {
    await expect(
      globusLoginCommand({ clientId: 'native-app' }, { input: Readable.from(['bad\n']), write: () => {} }),
    ).rejects.toThrow(/refused the authorization_code grant: invalid_grant/);
  });
});
