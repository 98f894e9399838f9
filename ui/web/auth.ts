// Who may use `pipe serve`: a request presents the token as `Authorization: Bearer TOKEN`, or carries the HttpOnly
// cookie that opening `/?token=TOKEN` once sets (SameSite=Strict, so other sites cannot post with it).
import { tokensMatch } from '../../backends/pilot/protocol/token.js';

export const COOKIE = 'pipe_token';

// The value of one cookie in a Cookie header.
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

// The token a request presents, by header or by cookie.
export function presentedToken(headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (match !== null) return match[1];
  }
  const cookie = headers.cookie;
  return cookieValue(typeof cookie === 'string' ? cookie : undefined, COOKIE);
}

// Whether a request may read and act: its token matches the server's.
export function authorized(token: string, headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  return tokensMatch(token, presentedToken(headers));
}

// The Set-Cookie header that keeps the token in the browser for this server only.
export function tokenCookie(token: string, secure: boolean): string {
  return `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}
