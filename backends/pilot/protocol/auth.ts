// Mutual authentication of a pilot connection, without the token crossing the wire: the server opens with a
// challenge nonce, the agent or client answers with its own nonce and an HMAC-SHA256 over both under the token, and
// the server's welcome carries the HMAC of the nonces the other way round. Each side then knows the other holds
// the token; a process that took the port of a dead server learns nothing it can replay.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const MIN_TOKEN_BYTES = 32;

// A fresh 128-bit nonce, hex.
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

// The proof an agent or client gives: HMAC(token, "hello|role|serverNonce|clientNonce").
export function helloProof(token: string, role: string, serverNonce: string, clientNonce: string): string {
  return createHmac('sha256', token).update(`hello|${role}|${serverNonce}|${clientNonce}`).digest('hex');
}

// The proof the server gives in its welcome: HMAC(token, "welcome|clientNonce|serverNonce").
export function welcomeProof(token: string, clientNonce: string, serverNonce: string): string {
  return createHmac('sha256', token).update(`welcome|${clientNonce}|${serverNonce}`).digest('hex');
}

// Compares two proofs in constant time.
export function proofsMatch(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
