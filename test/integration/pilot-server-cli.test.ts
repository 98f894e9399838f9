import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor, type CliResult } from '../helpers/cli.js';
import { connectAgent, result, type FakeAgent } from '../backends/pilot/server/fake-agent.js';
import { testToken } from '../helpers/token.js';
import type { ChildProcess } from 'node:child_process';

interface RunningServer {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stderr: () => string;
  readonly done: Promise<CliResult>;
}

let servers: RunningServer[] = [];
let agents: FakeAgent[] = [];

// Starts `pipe server --port 0 ARGS` in `dir` and waits for the line naming its URL.
async function startServer(dir: string, args: readonly string[] = []): Promise<RunningServer> {
  const { child, done } = startPipe(['server', '--port', '0', '--heartbeat', '0.1', ...args], dir);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitFor(() => /listening on (\S+)/.test(stderr) || child.exitCode !== null);
  const url = /listening on (\S+)/.exec(stderr)?.[1];
  if (url === undefined) throw new Error(`pipe server did not start: ${stderr}`);
  const server = { child, url, stderr: () => stderr, done };
  servers.push(server);
  return server;
}

// The token `pipe server` wrote in `dir`.
const tokenOf = (dir: string): string => readFileSync(join(dir, '.pipe', 'pilot', 'token'), 'utf8').trim();

afterEach(async () => {
  agents.forEach((a) => a.destroy());
  agents = [];
  for (const server of servers) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server.done;
  }
  servers = [];
});

describe('pipe server, pipe submit and pipe tasks --server', () => {
  it('writes a private token, takes the lines of a file with `pipe submit`, and lists them with `pipe tasks --server`', async () => {
    const dir = scratchDir({ 'list.txt': 'echo one\n\n# a comment\necho two\n  \ntrue\n' });
    const server = await startServer(dir);
    expect(server.stderr()).toContain('token: .pipe/pilot/token');
    expect(statSync(join(dir, '.pipe', 'pilot', 'token')).mode & 0o777).toBe(0o600);

    const submitted = await runPipe(['submit', 'list.txt', '--server', server.url, '--tag', 'sample=A1'], dir);
    expect(submitted.stdout).toBe(`submitted 3 task(s) to ${server.url}\n`);
    const listed = await runPipe(['tasks', '--server', server.url], dir);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toBe('queued 3 · running 0 · succeeded 0 · failed 0 · cancelled 0');
    expect(lines[1]).toMatch(/^TASK\s+STATE\s+ATTEMPT\s+EXIT\s+AGENT\s+DURATION\s+NAME\s+COMMAND$/);
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/).at(-1))).toEqual(['echo one', 'echo two', 'true']);
    const other = await runPipe(['tasks', '--server', server.url, '--tag', 'sample=B2'], dir);
    expect(other.stdout.split('\n')[0]).toBe('queued 0 · running 0 · succeeded 0 · failed 0 · cancelled 0');
  });

  it('refuses a wrong token with exit 2 and the server’s reason, and logs the refusal', async () => {
    const dir = scratchDir({ 'list.txt': 'true\n', wrong: `${testToken('wrong')}\n` });
    chmodSync(join(dir, 'wrong'), 0o600); // a private token file: no warning about its mode
    const server = await startServer(dir);
    const refused = await runPipe(['submit', 'list.txt', '--server', server.url, '--token-file', 'wrong'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^pipe: error: The server at \S+ refused the connection: wrong token\n  hint: /);
    await waitFor(() => server.stderr().includes('client-refused'));
    expect(server.stderr()).toMatch(/client-refused: refused client connection from 127\.0\.0\.1:\d+: wrong token/);
  });

  it('continues its queue after SIGKILL with --resume, never running a succeeded task again', async () => {
    const dir = scratchDir({ 'list.txt': 'echo 1\necho 2\necho 3\n' });
    const first = await startServer(dir);
    await runPipe(['submit', 'list.txt', '--server', first.url], dir);
    const a = await connectAgent(first.url, tokenOf(dir));
    agents.push(a);
    const [one] = await a.pull({ max: 1 });
    await a.done([result(one!, 0)]);
    first.child.kill('SIGKILL');
    await first.done;

    const second = await startServer(dir, ['--resume']);
    const b = await connectAgent(second.url, tokenOf(dir));
    agents.push(b);
    const rest = await b.pull({ max: 10 });
    expect(rest.map((task) => task.command)).toEqual(['echo 2', 'echo 3']);
    await b.done(rest.map((task) => result(task, 0)));
    const listed = await runPipe(['tasks', '--server', second.url], dir);
    expect(listed.stdout.split('\n')[0]).toBe('queued 0 · running 0 · succeeded 3 · failed 0 · cancelled 0');
  });

  it('tells its agents to end and exits 0 on SIGTERM', async () => {
    const dir = scratchDir();
    const server = await startServer(dir);
    const a = await connectAgent(server.url, tokenOf(dir));
    agents.push(a);
    server.child.kill('SIGTERM');
    expect(await a.next('end')).toMatchObject({ t: 'end' });
    expect((await server.done).code).toBe(0);
  });

  it('names a missing task file with a hint', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'token'), `${testToken()}\n`);
    const missing = await runPipe(
      ['submit', 'nope.txt', '--server', 'tcp://127.0.0.1:1', '--token-file', 'token'],
      dir,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read task file "nope.txt"');
  });
});
