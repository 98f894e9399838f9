// Every command that reads a pilot token refuses one shorter than 32 bytes: one line naming the file or variable,
// and a hint saying how to make a good one.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../../helpers/cli.js';
import { testToken } from '../../helpers/token.js';

const SHORT = 'secret-but-short'; // 16 bytes
const noEnvToken = { PIPE_TOKEN: '' };

// A scratch dir holding a private token file `short` and a one-line task list.
function dirWithShortToken(): string {
  const dir = scratchDir({ short: `${SHORT}\n`, 'list.txt': 'true\n' });
  chmodSync(join(dir, 'short'), 0o600);
  return dir;
}

// Expects exit 2 and the one-line refusal naming `source`, followed by the hint.
function expectRefused(result: { code: number | null; stderr: string }, source: string): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines[0]).toBe(`pipe: error: the token in ${source} is 16 bytes long; pilot tokens need at least 32`);
  expect(lines[1]).toMatch(
    /^ {2}hint: use the token `pipe server` writes \(\.pipe\/pilot\/token.*openssl rand -hex 32/,
  );
  expect(lines).toHaveLength(2);
}

describe('short pilot tokens', () => {
  const url = 'tcp://127.0.0.1:1';

  it.each([
    ['pipe server', ['server', '--port', '0', '--token-file', 'short']],
    ['pipe agent', ['agent', '--server', url, '--token-file', 'short']],
    ['pipe submit', ['submit', 'list.txt', '--server', url, '--token-file', 'short']],
    ['pipe tasks --server', ['tasks', '--server', url, '--token-file', 'short']],
    ['pipe shims --server', ['shims', 'bin', '--server', url, '--token-file', 'short']],
  ])('are refused by %s from --token-file', async (_name, args) => {
    expectRefused(await runPipe(args, dirWithShortToken(), noEnvToken), 'token file "short"');
  });

  it.each([
    ['pipe server', ['server', '--port', '0']],
    ['pipe agent', ['agent', '--server', url]],
    ['pipe submit', ['submit', 'list.txt', '--server', url]],
  ])('are refused by %s from $PIPE_TOKEN', async (_name, args) => {
    expectRefused(await runPipe(args, dirWithShortToken(), { PIPE_TOKEN: SHORT }), '$PIPE_TOKEN');
  });

  it('are refused by pipe serve, for its own token and for the pilot server’s', async () => {
    const dir = dirWithShortToken();
    expect((await runPipe(['run', 'list.txt'], dir, noEnvToken)).code).toBe(0);
    expectRefused(
      await runPipe(['serve', '--port', '0', '--token-file', 'short'], dir, noEnvToken),
      'token file "short"',
    );
    expectRefused(
      await runPipe(['serve', '--port', '0', '--server', url, '--server-token-file', 'short'], dir, noEnvToken),
      'token file "short"',
    );
  });

  it('are refused when pipe agent finds one in .pipe/pilot/token of its directory', async () => {
    const dir = dirWithShortToken();
    mkdirSync(join(dir, '.pipe', 'pilot'), { recursive: true });
    writeFileSync(join(dir, '.pipe', 'pilot', 'token'), `${SHORT}\n`, { mode: 0o600 });
    const local = join(dir, '.pipe', 'pilot', 'token');
    expectRefused(await runPipe(['agent', '--server', url], dir, noEnvToken), `token file "${local}"`);
  });

  it('lets a 64-character token through to the connection (which then fails: nobody listens)', async () => {
    const dir = scratchDir({ good: `${testToken()}\n` });
    chmodSync(join(dir, 'good'), 0o600);
    const result = await runPipe(['tasks', '--server', url, '--token-file', 'good'], dir, noEnvToken);
    expect(result.stderr).not.toContain('pilot tokens need');
    expect(result.stderr).toContain('Cannot connect to');
  });
});
