// The shared secret every agent and client presents: generated into the launch dir's .pipe/ with mode 0600,
// or given by file or by the PIPE_TOKEN environment variable.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../../../engine/errors.js';
import { MIN_TOKEN_BYTES } from './auth.js';

export const TOKEN_ENV = 'PIPE_TOKEN';

// A new random token (256 bits, hex).
export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

// Writes a token to `file`, readable by its owner only.
export function writeTokenFile(file: string, token: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // the file may have existed with wider permissions
}

// Reads a token file, naming it when it is missing or empty.
export function readTokenFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read token file "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        hint: 'Give the file `pipe server` wrote (.pipe/pilot/token by default) with --token-file, or set PIPE_TOKEN.',
      },
    );
  }
  const token = text.trim();
  if (token === '')
    throw new UsageError(`Token file "${file}" is empty`, { hint: 'Point --token-file at the server’s token.' });
  return checkTokenLength(token, `token file "${file}"`, `openssl rand -hex 32 > ${file}; chmod 600 ${file}`);
}

// Refuses a token shorter than MIN_TOKEN_BYTES: the token is the HMAC key that proves both ends of a connection,
// and a short one can be guessed. `source` names where it came from; `make` is a command that makes a good one.
export function checkTokenLength(token: string, source: string, make = 'openssl rand -hex 32 > token'): string {
  const bytes = Buffer.byteLength(token, 'utf8');
  if (bytes >= MIN_TOKEN_BYTES) return token;
  throw new UsageError(`the token in ${source} is ${bytes} bytes long; pilot tokens need at least ${MIN_TOKEN_BYTES}`, {
    hint: `use the token \`pipe server\` writes (.pipe/pilot/token, 64 characters), or make one: ${make}`,
  });
}

// A warning when a token file can be read by its group or by others (anyone who reads it can run commands as the
// agents' user), else undefined.
export function tokenFileWarning(file: string): string | undefined {
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  return `token file ${file} is readable by others (mode ${mode.toString(8).padStart(4, '0')}); make it private: chmod 600 ${file}`;
}

// The token from --token-file, else PIPE_TOKEN, else undefined.
export function resolveToken(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (tokenFile !== undefined) return readTokenFile(tokenFile);
  const fromEnv = env[TOKEN_ENV]?.trim();
  if (fromEnv === undefined || fromEnv === '') return undefined;
  return checkTokenLength(fromEnv, `$${TOKEN_ENV}`, `export ${TOKEN_ENV}=$(openssl rand -hex 32)`);
}

// Compares a presented token with the expected one in constant time.
export function tokensMatch(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
