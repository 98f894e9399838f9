import type { ChildProcess } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDir, startPipe, waitFor, type CliResult } from '../../helpers/cli.js';

let server: { child: ChildProcess; done: Promise<CliResult> } | undefined;
afterEach(async () => {
  server?.child.kill('SIGKILL');
  await server?.done;
  server = undefined;
});

// Peak resident memory of a process, in MiB (VmHWM).
const peakMiB = (pid: number): number =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

describe('pipe server and connections that have not said hello', () => {
  it('closes a connection whose first frame claims more than a hello needs, before buffering it', async () => {
    const dir = scratchDir();
    const started = startPipe(['server', '--port', '0'], dir);
    server = started;
    let stderr = '';
    started.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await waitFor(() => /listening on tcp:\/\/[^:]+:\d+/.test(stderr), 30_000);
    const port = Number(/listening on tcp:\/\/[^:]+:(\d+)/.exec(stderr)?.[1]);
    const before = peakMiB(started.child.pid as number);
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        const socket = connect(port, '127.0.0.1');
        await new Promise((r) => socket.once('connect', r));
        const header = Buffer.alloc(4);
        header.writeUInt32BE(63 * 1024 * 1024, 0);
        socket.write(header);
        socket.write(Buffer.alloc(8 * 1024 * 1024)); // much more than a hello, far less than the claim
        socket.on('error', () => undefined);
        await new Promise((r) => socket.once('close', r));
      }),
    );
    // Closed for the frame's claim: a connection closed by the hello timeout would be logged as such.
    expect(stderr).not.toMatch(/no hello within/);
    expect(peakMiB(started.child.pid as number) - before).toBeLessThan(32);
  }, 60_000);
});

describe('a token file others can read', () => {
  // Starts `pipe agent` against a port nobody listens on, and returns what it printed in its first second.
  const agentStderr = async (dir: string): Promise<string> => {
    const { child, done } = startPipe(['agent', '--server', 'tcp://127.0.0.1:1', '--token-file', 'token'], dir);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((r) => setTimeout(r, 1_500));
    child.kill('SIGKILL');
    await done;
    return stderr;
  };

  it('makes pipe agent warn, naming the file and how to make it private', async () => {
    const dir = scratchDir({ token: `${'a'.repeat(64)}\n` });
    chmodSync(join(dir, 'token'), 0o644);
    const stderr = await agentStderr(dir);
    expect(stderr).toContain('pipe: warning: token file token is readable by others (mode 0644)');
    expect(stderr).toContain('chmod 600 token');
    chmodSync(join(dir, 'token'), 0o600);
    expect(await agentStderr(dir)).not.toContain('warning: token file');
  }, 60_000);
});
