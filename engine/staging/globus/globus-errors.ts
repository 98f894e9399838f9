// Globus API error documents as staging errors: https://docs.globus.org/api/transfer/overview/#errors and the
// ConsentRequired shape (required_scopes) Globus services return when a scope needs the user's consent.
import { StagingError, StagingReason } from '../errors.js';
import { TRANSFER_SCOPE } from './globus-tokens.js';

// The Globus Auth page where a user grants `scopes` (for the hint of a consent error).
export function consentUrl(env: NodeJS.ProcessEnv, scopes: readonly string[]): string {
  const base = env.GLOBUS_SDK_SERVICE_URL_AUTH ?? 'https://auth.globus.org';
  const url = new URL('/v2/oauth2/authorize', base);
  url.searchParams.set('client_id', env.GLOBUS_CLIENT_ID ?? '<your client id>');
  url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', `${base.replace(/\/$/, '')}/v2/web/auth-code`);
  url.searchParams.set('access_type', 'offline');
  return url.href;
}

// A non-ok response of a Transfer call on `uri` as a staging error.
export async function globusError(uri: string, res: Response, env: NodeJS.ProcessEnv): Promise<StagingError> {
  const body = (await res.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    required_scopes?: string[];
  };
  const code = body.code ?? `HTTP ${res.status}`;
  const text = `${code}: ${body.message ?? res.statusText}`;
  if (code === 'ConsentRequired') {
    const scopes = body.required_scopes ?? [TRANSFER_SCOPE];
    return new StagingError(uri, StagingReason.Consent, `Globus consent required for ${scopes.join(' ')}`, {
      hint: `grant it at ${consentUrl(env, scopes)} then run \`pipe globus login\` again`,
    });
  }
  if (res.status === 404 || code.includes('NotFound'))
    return new StagingError(
      uri,
      code.startsWith('EndpointNotFound') ? StagingReason.UnknownHost : StagingReason.NotFound,
      text,
    );
  if (res.status === 403 || code.includes('PermissionDenied'))
    return new StagingError(uri, StagingReason.Permission, text, {
      hint: 'check that your identity has access to the collection and path',
    });
  if (res.status === 401)
    return new StagingError(uri, StagingReason.Auth, text, { hint: 'run `pipe globus login` again' });
  return new StagingError(uri, StagingReason.Transient, text);
}
