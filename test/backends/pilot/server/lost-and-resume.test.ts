import { afterEach, describe, expect, it } from 'vitest';
import { databases } from './databases.js';
import { connectAgent, result, type FakeAgent } from './fake-agent.js';
import { shell, startServer, TOKEN, type TestServer } from './server-fixture.js';

describe.each(databases)('pilot server: lost agents and resume ($name)', (database) => {
  let servers: TestServer[] = [];
  let agents: FakeAgent[] = [];
  let drop: () => Promise<void> = async () => undefined;
  let db = '';

  // A server over the test's queue (a fresh one for the first server of the test).
  const start = async (resume = false, options: Parameters<typeof startServer>[1] = {}): Promise<TestServer> => {
    if (db === '') {
      const created = await database.create();
      db = created.db;
      drop = created.drop;
    }
    const t = await startServer(db, { resume, ...options });
    servers.push(t);
    return t;
  };
  // An agent connected to `t`.
  const agent = async (t: TestServer, options: Parameters<typeof connectAgent>[2] = {}): Promise<FakeAgent> => {
    const a = await connectAgent(t.server.url, TOKEN, options);
    agents.push(a);
    return a;
  };

  afterEach(async () => {
    agents.forEach((a) => a.destroy());
    agents = [];
    for (const t of servers) await t.server.close();
    servers = [];
    await drop();
    db = '';
  });

  it('requeues the tasks of a lost agent, has another agent complete them once, and ignores the late report', async () => {
    const t = await start();
    const [id] = await t.server.enqueue([shell('work')]);
    const a = await agent(t, { id: 'flaky' });
    const [first] = await a.pull();
    a.destroy();
    const [lost] = await t.logged('agent-lost');
    expect(lost).toMatchObject({ agent: 'flaky', requeued: 1 });
    const b = await agent(t);
    const [second] = await b.pull();
    expect(second).toMatchObject({ id, attempt: 2 });
    await b.done([result(second!, 0)]);

    const back = await agent(t, { id: 'flaky', holding: [{ id: id!, attempt: 1 }] });
    expect(await back.next('cancel')).toMatchObject({ tasks: [{ id, attempt: 1 }] });
    await back.done([result(first!, 0)]);
    const [late] = await t.logged('late-completion');
    expect(late).toMatchObject({ agent: 'flaky', task: id, attempt: 1 });
    expect(await t.server.counts()).toMatchObject({ succeeded: 1, queued: 0, running: 0 });
    expect(t.events.filter((e) => e.type === 'completed')).toMatchObject([{ id, agent: b.id }]);
  });

  it('lets an agent that reconnects in time keep the tasks it holds', async () => {
    const t = await start(false, { heartbeatTimeoutMs: 60_000 });
    const [id] = await t.server.enqueue([shell('long')]);
    const a = await agent(t, { id: 'steady' });
    const [task] = await a.pull();
    a.destroy();
    await t.logged('agent-disconnected');
    const back = await agent(t, { id: 'steady', holding: [{ id: id!, attempt: 1 }] });
    await back.done([result(task!, 0)]);
    expect(await t.server.counts()).toMatchObject({ succeeded: 1 });
    expect(t.logs.filter((l) => l.event === 'agent-lost' || l.event === 'late-completion')).toEqual([]);
    expect(back.received.some((m) => m.t === 'cancel')).toBe(false);
  });

  it('resumes the last session: held tasks stay with their agent, queued ones are dispatched, succeeded ones never run again', async () => {
    const first = await start(false, { heartbeatTimeoutMs: 60_000 });
    const [done, held, waiting] = await first.server.enqueue([shell('1'), shell('2'), shell('3')]);
    const a = await agent(first, { id: 'survivor' });
    const [one] = await a.pull({ max: 1 });
    await a.done([result(one!, 0)]);
    const [two] = await a.pull({ max: 1 });
    expect(two?.id).toBe(held);
    a.destroy();
    await first.server.close();

    const second = await start(true, { heartbeatTimeoutMs: 60_000 });
    expect(second.server.session).toBe(first.server.session);
    const back = await agent(second, { id: 'survivor', holding: [{ id: held!, attempt: 1 }] });
    expect(back.received[0]).toMatchObject({ t: 'welcome', server: first.server.session });
    const other = await agent(second);
    expect((await other.pull()).map((task) => task.id)).toEqual([waiting]);
    await back.done([result(two!, 0)]);
    const [three] = other.received.flatMap((m) => (m.t === 'tasks' ? m.tasks : []));
    await other.done([result(three!, 0)]);
    expect(await second.server.counts()).toMatchObject({ succeeded: 3, queued: 0, running: 0 });
    expect(second.logs.filter((l) => l.event === 'late-completion')).toEqual([]);
    expect(done).toBeDefined();
  });

  it('requeues, after a resume, the tasks of an agent that never comes back', async () => {
    const first = await start(false, { heartbeatTimeoutMs: 60_000 });
    const [id] = await first.server.enqueue([shell('orphan')]);
    const a = await agent(first, { id: 'gone' });
    await a.pull();
    a.destroy();
    await first.server.close();
    const second = await start(true);
    const b = await agent(second);
    expect(await b.pull()).toMatchObject([{ id, attempt: 2 }]);
    expect(await second.logged('agent-lost')).toMatchObject([{ agent: 'gone', requeued: 1 }]);
  });

  it('starts a new, empty session without --resume', async () => {
    const first = await start();
    await first.server.enqueue([shell('old')]);
    await first.server.close();
    const second = await start(false);
    expect(second.server.session).not.toBe(first.server.session);
    expect(await second.server.counts()).toEqual({ queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 });
  });

  it('requeues the tasks a departing agent still holds when it says bye', async () => {
    const t = await start();
    const [id] = await t.server.enqueue([shell('x')]);
    const a = await agent(t);
    await a.pull();
    a.send({ t: 'bye', reason: 'idle' });
    await t.logged('agent-left');
    const b = await agent(t);
    expect(await b.pull()).toMatchObject([{ id, attempt: 2 }]);
  });
});
