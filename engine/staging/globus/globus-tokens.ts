// Access tokens for the Globus Transfer API: from a client id and secret (client-credentials grant, for services and
// CI) or from the refresh token `pipe globus login` stored; refreshed before they expire, since long runs outlive them.
// https://docs.globus.org/api/auth/reference/#client_credentials_grant, #refresh_token_grant
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { StagingError, StagingReason } from '../errors.js';
import { globusSdk } from '../packages.js';

export const TRANSFER_SCOPE = 'urn:globus:auth:scope:transfer.api.globus.org:all';
const EARLY_MS = 5 * 60_000; // refresh this long before expiry

// What `pipe globus login` stores (mode 0600).
export interface StoredTokens {
  readonly client_id: string;
  readonly refresh_token: string;
  readonly access_token?: string | undefined;
  readonly expires_at?: number | undefined; // ms since the epoch
}

export interface TokenSource {
  // A valid access token; `renew` forces a new one (after a 401).
  accessToken(renew?: boolean): Promise<string>;
}

export interface TokenOptions {
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly homeDir?: string | undefined;
  readonly now?: (() => number) | undefined;
}

// Where the login's tokens live.
export function tokenFile(opts: TokenOptions): string {
  const env = opts.env ?? process.env;
  return env.PIPE_GLOBUS_TOKENS ?? join(opts.homeDir ?? homedir(), '.pipe', 'globus-tokens.json');
}

// Writes the token file readable by its owner alone.
export function storeTokens(path: string, tokens: StoredTokens): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

// Posts a grant to Globus Auth's token endpoint; a refused grant is an auth error naming `what`.
export async function requestToken(
  payload: Record<string, string>,
  basic: string | undefined,
  what: string,
): Promise<{ access_token: string; expires_in: number; refresh_token?: string }> {
  const { auth } = globusSdk();
  const res = await auth.oauth2.token.token({
    payload: payload as never,
    headers: basic === undefined ? {} : { Authorization: `Basic ${basic}` },
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof body.access_token !== 'string') {
    const detail = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    throw new StagingError(what, StagingReason.Auth, `Globus Auth refused the ${payload.grant_type} grant: ${detail}`, {
      hint: 'run `pipe globus login` again, or check GLOBUS_CLIENT_ID and GLOBUS_CLIENT_SECRET',
    });
  }
  return body as never;
}

// The token source the environment and stored login allow.
export function createTokenSource(opts: TokenOptions = {}): TokenSource {
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now;
  let current: { token: string; expiresAt: number } | undefined;
  const fresh = async (): Promise<{ token: string; expiresAt: number }> => {
    const id = env.GLOBUS_CLIENT_ID;
    const secret = env.GLOBUS_CLIENT_SECRET;
    if (id !== undefined && secret !== undefined) {
      const basic = Buffer.from(`${id}:${secret}`).toString('base64');
      const got = await requestToken({ grant_type: 'client_credentials', scope: TRANSFER_SCOPE }, basic, 'globus://');
      return { token: got.access_token, expiresAt: now() + got.expires_in * 1000 };
    }
    const path = tokenFile(opts);
    let stored: StoredTokens;
    try {
      stored = JSON.parse(readFileSync(path, 'utf8')) as StoredTokens;
    } catch {
      throw new StagingError('globus://', StagingReason.Auth, 'not logged in to Globus', {
        hint: 'run `pipe globus login`, or set GLOBUS_CLIENT_ID and GLOBUS_CLIENT_SECRET for a confidential client',
      });
    }
    if (stored.access_token !== undefined && (stored.expires_at ?? 0) - EARLY_MS > now() && current === undefined)
      return { token: stored.access_token, expiresAt: stored.expires_at ?? 0 };
    const payload = { grant_type: 'refresh_token', refresh_token: stored.refresh_token, client_id: stored.client_id };
    const got = await requestToken(payload, undefined, 'globus://');
    const expiresAt = now() + got.expires_in * 1000;
    storeTokens(path, {
      ...stored,
      refresh_token: got.refresh_token ?? stored.refresh_token,
      access_token: got.access_token,
      expires_at: expiresAt,
    });
    return { token: got.access_token, expiresAt };
  };
  let pending: Promise<{ token: string; expiresAt: number }> | undefined;
  return {
    async accessToken(renew = false) {
      if (!renew && current !== undefined && current.expiresAt - EARLY_MS > now()) return current.token;
      if (renew) current = { token: '', expiresAt: 0 }; // skips a stored access token that was just refused
      pending ??= fresh().finally(() => (pending = undefined));
      current = await pending;
      return current.token;
    },
  };
}
