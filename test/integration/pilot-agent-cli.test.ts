import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe } from '../helpers/cli.js';
import { is, startFakeServer, wireTask, type FakeServer } from '../backends/pilot/agent/fake-server.js';
import { testToken } from '../helpers/token.js';

let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noToken = { PIPE_TOKEN: '' };

describe('pipe agent', () => {
  it('refuses to start without a token, with a hint (exit 2)', async () => {
    const result = await runPipe(['agent', '--server', 'tcp://127.0.0.1:9'], scratchDir(), noToken);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pipe: error: no token to present to the server');
    expect(result.stderr).toContain('hint: give the server');
  });

  it('presents .pipe/pilot/token of the directory it starts in, as pipe submit does, when given no other', async () => {
    server = await startFakeServer({ token: testToken('from the server dir') });
    const dir = scratchDir();
    mkdirSync(join(dir, '.pipe', 'pilot'), { recursive: true });
    writeFileSync(join(dir, '.pipe', 'pilot', 'token'), `${testToken('from the server dir')}\n`);
    const agent = startPipe(['agent', '--server', server.url, '-j', '4'], dir, noToken);
    const hello = await server.next(is('hello'));
    expect(hello.agent).toMatchObject({ slots: 4 });
    server.send({ t: 'end', reason: 'all done' });
    expect((await agent.done).code).toBe(0);
  });

  it('names a bad --memory value (exit 2)', async () => {
    const result = await runPipe(['agent', '--server', 'tcp://127.0.0.1:9', '--memory', 'lots'], scratchDir(), {
      PIPE_TOKEN: testToken(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected --memory to be a memory size, got "lots"');
  });

  it('runs the tasks the server hands out in --dir and exits 0 when the server ends the run', async () => {
    server = await startFakeServer();
    const dir = scratchDir({ token: `${testToken()}\n` });
    mkdirSync(join(dir, 'tasks'));
    const agent = startPipe(
      ['agent', '--server', server.url, '--token-file', 'token', '-j', '3', '--cpus', '2', '--dir', 'tasks'],
      dir,
      noToken,
    );
    const hello = await server.next(is('hello'));
    expect(hello.agent).toMatchObject({ slots: 3, cpus: 2 });
    server.push([wireTask('a', 'echo made > made.txt'), wireTask('b', 'exit 9')]);
    const results = await server.resultsFor(['a', 'b']);
    expect(results.get('a')?.exitCode).toBe(0);
    expect(results.get('b')?.exitCode).toBe(9);
    expect(existsSync(join(dir, 'tasks', 'made.txt'))).toBe(true);
    server.send({ t: 'end', reason: 'all done' });
    const result = await agent.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/pipe agent: connected to tcp:\/\/127\.0\.0\.1:\d+/);
    expect(result.stderr).toContain('exiting (ended)');
  });

  it('exits 2 and logs the refusal when the server refuses its token', async () => {
    server = await startFakeServer({ token: testToken('right') });
    const result = await runPipe(['agent', '--server', server.url], scratchDir(), { PIPE_TOKEN: testToken('wrong') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the server refused the agent: wrong token');
  });

  it('drains on SIGTERM: the running task finishes, the rest go back, then bye and exit 0', async () => {
    server = await startFakeServer();
    const dir = scratchDir();
    writeFileSync(join(dir, 'token'), testToken());
    const agent = startPipe(
      ['agent', '--server', server.url, '--token-file', 'token', '-j', '1', '--cpus', '1'],
      dir,
      noToken,
    );
    await server.next(is('pull'));
    server.send({
      t: 'tasks',
      tasks: [wireTask('running', 'sleep 0.5; touch finished'), wireTask('later', 'touch ran')],
    });
    await server.next(is('started'));
    agent.child.kill('SIGTERM');
    const result = await agent.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('SIGTERM: draining');
    expect(result.stderr).toContain('exiting (drained)');
    const results = new Map(server.results().map((r) => [r.id, r]));
    expect(results.get('running')).toMatchObject({ exitCode: 0 });
    expect(results.get('later')).toMatchObject({ requeue: 'drain' });
    expect(existsSync(join(dir, 'finished'))).toBe(true);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
    expect((await server.next(is('bye'))).reason).toBe('drained');
  });
});
