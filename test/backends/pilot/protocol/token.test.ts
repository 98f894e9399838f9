import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../engine/errors.js';
import { MIN_TOKEN_BYTES } from '../../../../backends/pilot/protocol/auth.js';
import {
  checkTokenLength,
  generateToken,
  readTokenFile,
  resolveToken,
} from '../../../../backends/pilot/protocol/token.js';

const fileWith = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'pipe-token-')), 'token');
  writeFileSync(file, text);
  return file;
};

describe('pilot token length', () => {
  it('accepts a token of 32 bytes and refuses one of 31, naming where it came from', () => {
    expect(MIN_TOKEN_BYTES).toBe(32);
    expect(checkTokenLength('k'.repeat(32), 'here')).toBe('k'.repeat(32));
    expect(() => checkTokenLength('k'.repeat(31), 'here')).toThrow(
      'the token in here is 31 bytes long; pilot tokens need at least 32',
    );
  });

  it('counts bytes, not characters', () => {
    expect(() => checkTokenLength('é'.repeat(15), 'here')).toThrow('is 30 bytes long');
    expect(checkTokenLength('é'.repeat(16), 'here')).toBe('é'.repeat(16));
  });

  it('accepts the tokens pipe generates', () => {
    expect(readTokenFile(fileWith(`${generateToken()}\n`))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a short token file with a UsageError naming the file and how to make a good one', () => {
    const file = fileWith('secret\n');
    const error = (() => {
      try {
        readTokenFile(file);
      } catch (caught) {
        return caught;
      }
    })() as UsageError;
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`the token in token file "${file}" is 6 bytes long; pilot tokens need at least 32`);
    expect(error.hint).toContain('.pipe/pilot/token');
    expect(error.hint).toContain(`openssl rand -hex 32 > ${file}`);
  });

  it('refuses a short $PIPE_TOKEN, naming the variable', () => {
    expect(() => resolveToken(undefined, { PIPE_TOKEN: 'right' })).toThrow('the token in $PIPE_TOKEN is 5 bytes long');
    expect(resolveToken(undefined, { PIPE_TOKEN: '' })).toBeUndefined();
    expect(resolveToken(undefined, { PIPE_TOKEN: 'k'.repeat(40) })).toBe('k'.repeat(40));
  });
});
