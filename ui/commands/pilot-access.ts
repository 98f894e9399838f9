// What the pilot client commands share: the token to present and `key=value` tags.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { readTokenFile, resolveToken, tokenFileWarning } from '../../backends/pilot/protocol/token.js';

export const DEFAULT_TOKEN_FILE = join('.pipe', 'pilot', 'token');

// The token from --token-file, else PIPE_TOKEN, else the token `pipe server` wrote in this directory.
export function clientToken(tokenFile: string | undefined, dir = process.cwd()): string {
  const token = resolveToken(tokenFile);
  if (tokenFile !== undefined) warnAboutTokenFile(tokenFile);
  if (token !== undefined) return token;
  const local = join(dir, DEFAULT_TOKEN_FILE);
  if (existsSync(local)) {
    warnAboutTokenFile(local);
    return readTokenFile(local);
  }
  throw new UsageError('no token to present to the server', {
    hint: `give the server's token file with --token-file (it is ${DEFAULT_TOKEN_FILE} where \`pipe server\` runs), or set PIPE_TOKEN`,
  });
}

// Prints a warning when a token file is readable by its group or by others.
function warnAboutTokenFile(file: string): void {
  const warning = tokenFileWarning(file);
  if (warning !== undefined) process.stderr.write(`pipe: warning: ${warning}\n`);
}

// Parses repeated --tag key=value options, naming a malformed one.
export function parseTags(tags: readonly string[] | undefined): Record<string, string> | undefined {
  if (tags === undefined || tags.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const tag of tags) {
    const at = tag.indexOf('=');
    if (at <= 0)
      throw new UsageError(`expected --tag as key=value, got "${tag}"`, { hint: 'for example --tag sample=A1' });
    out[tag.slice(0, at)] = tag.slice(at + 1);
  }
  return out;
}
