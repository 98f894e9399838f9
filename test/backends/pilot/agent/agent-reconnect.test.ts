import { afterEach, describe, expect, it } from 'vitest';
import type { Done, Hello } from '../../../../backends/pilot/protocol/messages.js';
import { selfSignedCertificate } from '../../../helpers/certificate.js';
import { agentFor, stopAgents } from './agent-harness.js';
import { is, startFakeServer, wireTask, type FakeServer } from './fake-server.js';

let server: FakeServer;

afterEach(async () => {
  await stopAgents();
  await server?.close();
});

describe('pilot agent: connection loss', () => {
  it('sends unacked results again, under the same seq, after the server drops the connection', async () => {
    server = await startFakeServer({ autoAck: false });
    agentFor(server);
    server.push([wireTask('a', 'exit 4')]);
    const first = await server.next(is('done'));
    server.drop();
    const hello = await server.next((m): m is Hello => m.t === 'hello' && server.connections === 2, 1);
    expect(hello.holding).toContainEqual({ id: 'a', attempt: 1 });
    const again = await server.next(
      (m): m is Done => m.t === 'done',
      server.received.findIndex((r) => r.connection === 2),
    );
    expect(again.seq).toBe(first.seq);
    expect(again.results).toEqual(first.results);
    expect(again.results[0]).toMatchObject({ id: 'a', exitCode: 4 });
  });

  it('sends again only the batches not yet acked', async () => {
    server = await startFakeServer({ autoAck: false });
    agentFor(server);
    server.push([wireTask('a', 'true')]);
    const first = await server.next(is('done'));
    server.send({ t: 'ack', seq: first.seq });
    server.push([wireTask('b', 'true')]); // sent after the ack, so the agent has read the ack when it reports b
    await server.resultsFor(['b']);
    server.drop();
    const hello = await server.next((m): m is Hello => m.t === 'hello' && server.connections === 2, 1);
    expect(hello.holding).toEqual([{ id: 'b', attempt: 1 }]);
    const again = await server.next(
      (m): m is Done => m.t === 'done',
      server.received.findIndex((r) => r.connection === 2),
    );
    expect(again.results.map((r) => r.id)).toEqual(['b']);
    expect(again.seq).toBeGreaterThan(first.seq);
  });

  it('keeps running tasks through a reconnection and delivers their results afterwards', async () => {
    server = await startFakeServer();
    agentFor(server);
    server.push([wireTask('slow', 'sleep 0.4; exit 5')]);
    await server.next(is('started'));
    server.drop();
    const results = await server.resultsFor(['slow']);
    expect(results.get('slow')).toMatchObject({ exitCode: 5 });
    const delivered = server.received.find((r) => r.message.t === 'done');
    expect(delivered?.connection).toBe(2);
    const hello = server.received.find((r) => r.connection === 2 && r.message.t === 'hello')?.message as Hello;
    expect(hello.holding).toContainEqual({ id: 'slow', attempt: 1 });
  });

  it('ignores a dispatch it already holds when the server sends it twice', async () => {
    server = await startFakeServer();
    agentFor(server, { slots: 1, cpus: 1 });
    await server.next(is('pull'));
    const task = wireTask('once', 'sleep 0.2');
    server.send({ t: 'tasks', tasks: [task] });
    server.send({ t: 'tasks', tasks: [task] });
    await server.resultsFor(['once']);
    server.push([wireTask('after', 'true')]);
    await server.resultsFor(['after']);
    expect(server.results().filter((r) => r.id === 'once')).toHaveLength(1);
  });
});

describe('pilot agent: TLS', () => {
  it('runs tasks from a tls:// server whose certificate it is told to trust', async () => {
    const { cert, key } = selfSignedCertificate();
    server = await startFakeServer({ tls: { cert, key } });
    expect(server.url.startsWith('tls://')).toBe(true);
    agentFor(server, { ca: cert });
    server.push([wireTask('secure', 'exit 6')]);
    expect((await server.resultsFor(['secure'])).get('secure')?.exitCode).toBe(6);
  });

  it('does not connect to a tls:// server it has no reason to trust', async () => {
    server = await startFakeServer({ tls: selfSignedCertificate() });
    const agent = agentFor(server, { reconnect: { initialMs: 10, maxMs: 20, giveUpMs: 200 } });
    expect((await agent.done).reason).toBe('unreachable');
    expect(server.received).toEqual([]);
  });
});
