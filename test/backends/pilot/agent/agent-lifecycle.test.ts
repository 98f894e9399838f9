import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aliveNotZombie } from '../../../helpers/process.js';
import { agentFor, stopAgents } from './agent-harness.js';
import { is, startFakeServer, wireTask, type FakeServer } from './fake-server.js';
import { testToken } from '../../../helpers/token.js';

let server: FakeServer;

afterEach(async () => {
  await stopAgents();
  await server?.close();
});

describe('pilot agent: lifecycle', () => {
  it('exits "refused" with the server’s reason when its token is wrong', async () => {
    server = await startFakeServer({ token: testToken('right') });
    const agent = agentFor(server, { token: testToken('wrong') });
    const exit = await agent.done;
    expect(exit).toMatchObject({ reason: 'refused', message: 'wrong token' });
    expect(agent.events.map((e) => e.event)).toContain('refused');
  });

  it('refuses a token shorter than 32 bytes before it dials', async () => {
    server = await startFakeServer();
    expect(() => agentFor(server, { token: 'short' })).toThrow('pilot tokens need at least 32');
    expect(server.received).toHaveLength(0);
  });

  it('exits "unreachable" when no server answers within giveUpMs', async () => {
    server = await startFakeServer();
    const url = server.url;
    await server.close();
    const agent = agentFor({ ...server, url }, { reconnect: { initialMs: 10, maxMs: 20, giveUpMs: 200 } });
    const exit = await agent.done;
    expect(exit.reason).toBe('unreachable');
    expect(agent.events.some((e) => e.event === 'reconnecting')).toBe(true);
  });

  it('cancels a running task when the server says so, and reports it', async () => {
    server = await startFakeServer();
    agentFor(server);
    server.push([wireTask('long', 'sleep 30')]);
    const started = await server.next(is('started'));
    server.send({ t: 'cancel', tasks: [{ id: 'long', attempt: 1 }] });
    const results = await server.resultsFor(['long']);
    expect(results.get('long')).toMatchObject({ reason: 'cancelled' });
    expect([143, 137]).toContain(results.get('long')?.exitCode); // SIGTERM, or SIGKILL after the grace period
    expect(results.get('long')?.requeue).toBeUndefined();
    expect(aliveNotZombie(started.tasks[0]!.pid!)).toBe(false);
  });

  it('stops what runs and exits "ended" when the server ends the run', async () => {
    server = await startFakeServer();
    const agent = agentFor(server);
    server.push([wireTask('long', 'sleep 30')]);
    const started = await server.next(is('started'));
    server.send({ t: 'end', reason: 'run finished' });
    const exit = await agent.done;
    expect(exit).toMatchObject({ reason: 'ended' });
    expect(exit.message).toContain('run finished');
    expect(aliveNotZombie(started.tasks[0]!.pid!)).toBe(false);
  });

  it('on drain, hands back tasks not yet started, lets the running one finish, says bye and exits "drained"', async () => {
    server = await startFakeServer();
    const agent = agentFor(server, { slots: 1, cpus: 1 });
    await server.next(is('pull'));
    const bundle = [
      wireTask('first', 'sleep 0.5; touch first.done'),
      wireTask('second', 'touch second.ran'),
      wireTask('third', 'touch third.ran'),
    ];
    server.send({ t: 'tasks', tasks: bundle });
    await server.next(is('started'));
    agent.drain();
    const exit = await agent.done;
    expect(exit).toMatchObject({ reason: 'drained', tasksRun: 1 });
    const results = new Map(server.results().map((r) => [r.id, r]));
    expect(results.get('first')).toMatchObject({ exitCode: 0 });
    expect(results.get('first')?.requeue).toBeUndefined();
    expect(results.get('second')).toMatchObject({ requeue: 'drain' });
    expect(results.get('third')).toMatchObject({ requeue: 'drain' });
    expect(existsSync(join(agent.launchDir, 'first.done'))).toBe(true);
    expect(existsSync(join(agent.launchDir, 'second.ran'))).toBe(false);
    const bye = await server.next(is('bye'));
    expect(bye.reason).toBe('drained');
    const lastDone = server.received.map((r) => r.message.t).lastIndexOf('done');
    expect(server.received.findIndex((r) => r.message.t === 'bye')).toBeGreaterThan(lastDone);
  });

  it('hands back tasks that arrive while it drains', async () => {
    server = await startFakeServer();
    const agent = agentFor(server, { slots: 1, cpus: 1 });
    server.push([wireTask('running', 'sleep 0.5')]);
    await server.next(is('started'));
    agent.drain();
    server.send({ t: 'tasks', tasks: [wireTask('late', 'touch late.ran')] });
    await agent.done;
    expect(server.results().find((r) => r.id === 'late')).toMatchObject({ requeue: 'drain' });
    expect(existsSync(join(agent.launchDir, 'late.ran'))).toBe(false);
  });

  it('says bye and exits "idle" after holding no task for the idle timeout', async () => {
    server = await startFakeServer();
    const agent = agentFor(server, { idleTimeoutMs: 300 });
    server.push([wireTask('one', 'true')]);
    const exit = await agent.done;
    expect(exit).toMatchObject({ reason: 'idle', tasksRun: 1 });
    expect((await server.next(is('bye'))).reason).toBe('idle');
    expect(server.results().map((r) => r.id)).toEqual(['one']);
  });

  it('beats at the heartbeat interval the server asks for', async () => {
    server = await startFakeServer({ heartbeatMs: 30 });
    agentFor(server);
    await server.next(is('beat'));
    const first = server.received.findIndex((r) => r.message.t === 'beat');
    await server.next(is('beat'), first + 1);
  });
});
