import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pull } from '../../../../backends/pilot/protocol/messages.js';
import { agentFor, stopAgents } from './agent-harness.js';
import { is, startFakeServer, wireTask, type FakeServer } from './fake-server.js';

let server: FakeServer;

afterEach(async () => {
  await stopAgents();
  await server?.close();
});

describe('pilot agent: resources and walltime', () => {
  it('never runs two 1-cpu tasks at once on a 1-cpu agent, even with two slots', async () => {
    server = await startFakeServer();
    agentFor(server, { slots: 2, cpus: 1 });
    await server.next(is('pull'));
    server.send({
      t: 'tasks',
      tasks: [wireTask('x', 'sleep 0.2'), wireTask('y', 'sleep 0.2'), wireTask('z', 'sleep 0.2')],
    });
    const results = [...(await server.resultsFor(['x', 'y', 'z'])).values()].sort(
      (a, b) => a.startedAt! - b.startedAt!,
    );
    for (let i = 1; i < results.length; i++)
      expect(results[i]!.startedAt!).toBeGreaterThanOrEqual(results[i - 1]!.endedAt);
  });

  it('runs 1-cpu tasks side by side when the agent has a cpu for each slot', async () => {
    server = await startFakeServer();
    const agent = agentFor(server, { slots: 2, cpus: 2 });
    await server.next(is('pull'));
    // Each task waits for the other to have started: they finish only if they run together.
    const meet = (me: string, other: string): string =>
      `touch ${me}.up; for i in $(seq 200); do [ -e ${other}.up ] && exit 0; sleep 0.05; done; exit 1`;
    server.send({ t: 'tasks', tasks: [wireTask('p', meet('p', 'q')), wireTask('q', meet('q', 'p'))] });
    const results = await server.resultsFor(['p', 'q']);
    expect(results.get('p')?.exitCode).toBe(0);
    expect(results.get('q')?.exitCode).toBe(0);
    expect(existsSync(join(agent.launchDir, 'p.up'))).toBe(true);
  });

  it('holds back a task whose memory does not fit beside the running one', async () => {
    server = await startFakeServer();
    agentFor(server, { slots: 2, cpus: 2, memoryBytes: 1_000 });
    await server.next(is('pull'));
    server.send({
      t: 'tasks',
      tasks: [wireTask('m1', 'sleep 0.2', { memoryBytes: 600 }), wireTask('m2', 'sleep 0.2', { memoryBytes: 600 })],
    });
    const results = await server.resultsFor(['m1', 'm2']);
    expect(results.get('m2')!.startedAt!).toBeGreaterThanOrEqual(results.get('m1')!.endedAt);
  });

  it('tells the server how long it has left in every pull', async () => {
    server = await startFakeServer();
    agentFor(server, { walltimeMs: 60_000, drainMarginMs: 10_000 });
    const pull = await server.next(is('pull'));
    expect(pull.remainingMs).toBeGreaterThan(0);
    expect(pull.remainingMs).toBeLessThanOrEqual(50_000);
    const hello = await server.next(is('hello'));
    expect(hello.agent?.endsAt).toBeGreaterThan(Date.now());
  });

  it('hands back, without running it, a task whose time limit exceeds the time left', async () => {
    server = await startFakeServer();
    const agent = agentFor(server, { walltimeMs: 60_000, drainMarginMs: 10_000 });
    server.push([
      wireTask('too-long', 'touch ran', { timeLimitMs: 3_600_000 }),
      wireTask('fits', 'true', { timeLimitMs: 1_000 }),
    ]);
    const results = await server.resultsFor(['too-long', 'fits']);
    expect(results.get('too-long')).toMatchObject({ exitCode: null, requeue: 'walltime' });
    expect(results.get('fits')).toMatchObject({ exitCode: 0 });
    expect(existsSync(join(agent.launchDir, 'ran'))).toBe(false);
  });

  it('at the drain deadline, stops pulling, hands back what runs with requeue walltime, says bye and exits "walltime"', async () => {
    server = await startFakeServer();
    const agent = agentFor(server, { walltimeMs: 1_500, drainMarginMs: 700 });
    server.push([wireTask('endless', 'sleep 30; touch finished')]);
    const exit = await agent.done;
    expect(exit.reason).toBe('walltime');
    expect(server.results().find((r) => r.id === 'endless')).toMatchObject({ requeue: 'walltime' });
    expect(existsSync(join(agent.launchDir, 'finished'))).toBe(false);
    const byeAt = server.received.findIndex((r) => r.message.t === 'bye');
    expect((server.received[byeAt]?.message as { reason: string }).reason).toBe('walltime');
    const pulls = server.received.filter((r) => r.message.t === 'pull').map((r) => r.message as Pull);
    for (const pull of pulls) expect(pull.remainingMs).toBeLessThanOrEqual(800);
    expect(server.received.slice(byeAt).some((r) => r.message.t === 'pull')).toBe(false);
  });

  it('drains at once when its allocation ends sooner than the drain margin', async () => {
    server = await startFakeServer();
    const agent = agentFor(server, { endsAt: Date.now() + 100, drainMarginMs: 1_000 });
    const exit = await agent.done;
    expect(exit.reason).toBe('walltime');
    expect(server.received.some((r) => r.message.t === 'pull')).toBe(false);
  });
});
