import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Started } from '../../../../backends/pilot/protocol/messages.js';
import { agentFor, stopAgents } from './agent-harness.js';
import { is, startFakeServer, wireTask, type FakeServer } from './fake-server.js';
import { testToken } from '../../../helpers/token.js';

let server: FakeServer;

afterEach(async () => {
  await stopAgents();
  await server?.close();
});

const resultsFor = (ids: readonly string[]) => server.resultsFor(ids);

describe('pilot agent: running tasks', () => {
  it('says hello with a proof of its token (never the token) and its resources, then pulls', async () => {
    server = await startFakeServer();
    agentFor(server, { slots: 3, cpus: 4, memoryBytes: 1_000_000 });
    const hello = await server.next(is('hello'));
    expect(hello).toMatchObject({
      role: 'agent',
      version: 2,
      agent: { slots: 3, cpus: 4, memoryBytes: 1_000_000 },
    });
    expect(hello.proof).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(hello)).not.toContain(testToken());
    const pull = await server.next(is('pull'));
    expect(pull.max).toBeGreaterThanOrEqual(1);
    expect(pull.freeCpus).toBe(4);
  });

  it('runs light tasks in the launch dir and reports their exit codes', async () => {
    server = await startFakeServer();
    const agent = agentFor(server);
    server.push([wireTask('a', 'echo hi > out.txt'), wireTask('b', 'exit 3'), wireTask('c', 'kill -TERM $$')]);
    const results = await resultsFor(['a', 'b', 'c']);
    expect(results.get('a')).toMatchObject({ attempt: 1, exitCode: 0 });
    expect(results.get('b')).toMatchObject({ exitCode: 3 });
    expect(results.get('c')).toMatchObject({ exitCode: 143, signal: 'SIGTERM' });
    expect(readFileSync(join(agent.launchDir, 'out.txt'), 'utf8')).toBe('hi\n');
  });

  it('runs a work-dir task as `bash .command.run` in its work dir', async () => {
    server = await startFakeServer();
    const agent = agentFor(server);
    const workDir = join(agent.launchDir, 'work', 'ab', 'cdef');
    mkdirSync(workDir, { recursive: true });
    writeFileSync(join(workDir, '.command.run'), 'pwd > where.txt\nprintf 7 > .exitcode\nexit 7\n');
    server.push([wireTask('w', 'ignored', { light: false, workDir })]);
    const results = await resultsFor(['w']);
    expect(results.get('w')).toMatchObject({ exitCode: 7 });
    expect(readFileSync(join(workDir, 'where.txt'), 'utf8').trim()).toBe(workDir);
  });

  it('reports a start before its result (or only the result, with its start time), and numbers done batches in order', async () => {
    server = await startFakeServer();
    agentFor(server);
    const ids = Array.from({ length: 40 }, (_, i) => `t${i}`);
    server.push(ids.map((id) => wireTask(id, 'true')));
    await resultsFor(ids);
    const startedAt = new Map<string, number>();
    const doneAt = new Map<string, number>();
    const seqs: number[] = [];
    server.received.forEach(({ message }, index) => {
      if (message.t === 'started') for (const s of (message as Started).tasks) startedAt.set(s.id, index);
      if (message.t === 'done') {
        seqs.push(message.seq);
        for (const r of message.results) doneAt.set(r.id, index);
      }
    });
    for (const id of ids) if (startedAt.has(id)) expect(startedAt.get(id)!).toBeLessThan(doneAt.get(id)!);
    for (const result of server.results()) expect(result.startedAt).toBeLessThanOrEqual(result.endedAt);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(
      server
        .results()
        .map((r) => r.id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('reports the start of a long task while it runs', async () => {
    server = await startFakeServer();
    agentFor(server);
    server.push([wireTask('long', 'sleep 30')]);
    const started = await server.next(is('started'));
    expect(started.tasks).toEqual([{ id: 'long', attempt: 1, at: expect.any(Number), pid: expect.any(Number) }]);
    expect(server.results()).toEqual([]);
  });

  it('keeps a failed light task’s stderr in its errFile', async () => {
    server = await startFakeServer();
    const agent = agentFor(server);
    server.push([wireTask('e', 'echo broken >&2; exit 1', { errFile: 'logs/e.err' })]);
    const results = await resultsFor(['e']);
    expect(results.get('e')).toMatchObject({ exitCode: 1, errFile: join(agent.launchDir, 'logs/e.err') });
    expect(readFileSync(join(agent.launchDir, 'logs/e.err'), 'utf8')).toContain('broken');
  });

  it('passes a task’s environment to it', async () => {
    server = await startFakeServer();
    const agent = agentFor(server);
    server.push([wireTask('env', 'echo "$GREETING" > env.txt', { env: { GREETING: 'hello there' } })]);
    await resultsFor(['env']);
    expect(readFileSync(join(agent.launchDir, 'env.txt'), 'utf8')).toBe('hello there\n');
  });

  it('fails a task that needs more cpus than the agent has, without running it', async () => {
    server = await startFakeServer();
    const agent = agentFor(server);
    server.push([wireTask('big', 'touch ran', { cpus: 8 })]);
    const results = await resultsFor(['big']);
    expect(results.get('big')).toMatchObject({ exitCode: null });
    expect(results.get('big')?.reason).toContain('needs 8 cpus but the agent has 2');
    expect(results.get('big')?.requeue).toBeUndefined();
    expect(existsSync(join(agent.launchDir, 'ran'))).toBe(false);
  });
});
