// The native-app login (OAuth2 authorization code with PKCE): a URL for the user to open, and the exchange of the
// code they paste back for a refresh token. https://docs.globus.org/api/auth/developer-guide/#native-apps
import { createHash, randomBytes } from 'node:crypto';
import { requestToken, storeTokens, TRANSFER_SCOPE } from './globus-tokens.js';

// Where Globus Auth shows the code to paste, for apps that cannot receive a redirect.
const REDIRECT_PATH = '/v2/web/auth-code';

export interface LoginStart {
  readonly url: string; // for the user to open
  readonly verifier: string; // PKCE code verifier, kept for the exchange
  readonly redirectUri: string;
}

// The authorization URL for `clientId`, asking for Transfer and, optionally, more scopes (data_access consents).
export function startLogin(clientId: string, env: NodeJS.ProcessEnv, scopes: readonly string[] = []): LoginStart {
  const base = (env.GLOBUS_SDK_SERVICE_URL_AUTH ?? 'https://auth.globus.org').replace(/\/$/, '');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = `${base}${REDIRECT_PATH}`;
  const url = new URL(`${base}/v2/oauth2/authorize`);
  for (const [key, value] of Object.entries({
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: [TRANSFER_SCOPE, ...scopes].join(' '),
    response_type: 'code',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    access_type: 'offline',
    prompt: 'login',
  }))
    url.searchParams.set(key, value);
  return { url: url.href, verifier, redirectUri };
}

// Exchanges the pasted code for tokens and stores them (mode 0600) in `file`.
export async function finishLogin(clientId: string, start: LoginStart, code: string, file: string): Promise<void> {
  const got = await requestToken(
    {
      grant_type: 'authorization_code',
      code: code.trim(),
      client_id: clientId,
      code_verifier: start.verifier,
      redirect_uri: start.redirectUri,
    },
    undefined,
    'globus login',
  );
  if (got.refresh_token === undefined) throw new Error('Globus Auth returned no refresh token');
  storeTokens(file, {
    client_id: clientId,
    refresh_token: got.refresh_token,
    access_token: got.access_token,
    expires_at: Date.now() + got.expires_in * 1000,
  });
}
