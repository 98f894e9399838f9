// Pilot tokens for tests: long enough to be accepted (64 hex characters, as `pipe server` writes them), and the same
// for the same label, so that a test can name a right and a wrong one.
import { createHash } from 'node:crypto';

// The token a test calls `label`.
export function testToken(label = 'test'): string {
  return createHash('sha256').update(`pipe test token ${label}`).digest('hex');
}
