import { afterEach, describe, expect, it } from 'vitest';
import { databases } from './databases.js';
import { connectAgent, result, type FakeAgent } from './fake-agent.js';
import { shell, startServer, TOKEN, type TestServer } from './server-fixture.js';
import { testToken } from '../../../helpers/token.js';

describe.each(databases)('pilot server dispatch ($name)', (database) => {
  let t: TestServer;
  let agents: FakeAgent[] = [];
  let drop: () => Promise<void> = async () => undefined;

  // A server over a fresh queue.
  const start = async (): Promise<TestServer> => {
    const created = await database.create();
    drop = created.drop;
    t = await startServer(created.db);
    return t;
  };
  // An agent connected to the test's server.
  const agent = async (options: Parameters<typeof connectAgent>[2] = {}): Promise<FakeAgent> => {
    const a = await connectAgent(t.server.url, TOKEN, options);
    agents.push(a);
    return a;
  };

  afterEach(async () => {
    agents.forEach((a) => a.destroy());
    agents = [];
    await t.server.close();
    await drop();
  });

  it('refuses an agent with a wrong token and logs agent-refused with its address', async () => {
    await start();
    const intruder = await connectAgent(t.server.url, testToken('wrong'));
    agents.push(intruder);
    expect(intruder.received[0]).toMatchObject({ t: 'refused', reason: 'wrong token' });
    await intruder.closed;
    const [refused] = await t.logged('agent-refused');
    expect(refused?.remote).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('dispatches a queued task to a pulling agent, records its success and acknowledges the report', async () => {
    await start();
    const [id] = await t.server.enqueue([shell('echo hi')]);
    const a = await agent();
    const tasks = await a.pull();
    expect(tasks).toMatchObject([{ id, attempt: 1, command: 'echo hi', light: true, cpus: 1 }]);
    expect(await t.server.counts()).toMatchObject({ queued: 0, running: 1 });
    a.send({ t: 'started', tasks: [{ id: id!, attempt: 1, at: Date.now(), pid: 42 }] });
    await a.done([result(tasks[0]!, 0)]);
    expect(await t.server.counts()).toMatchObject({ queued: 0, running: 0, succeeded: 1 });
    expect(t.events.map((e) => e.type)).toEqual(['started', 'completed']);
    const [row] = await t.server.list({});
    expect(row).toMatchObject({ id, state: 'succeeded', exitCode: 0, agent: a.id });
    expect(row?.startedAt).toBeDefined();
  });

  it('records a non-zero exit as a final failure, without running the task again', async () => {
    await start();
    await t.server.enqueue([shell('false')]);
    const a = await agent();
    const [task] = await a.pull();
    await a.done([result(task!, 1)]);
    expect(await t.server.counts()).toMatchObject({ failed: 1, queued: 0 });
    expect(t.events).toMatchObject([{ type: 'completed', result: { exitCode: 1 } }]);
  });

  it('answers a pull made on an empty queue once tasks arrive', async () => {
    await start();
    const a = await agent();
    const pulled = a.pull({ max: 5 });
    await a.done([]); // acknowledged after the pull was taken in
    expect(a.received.some((m) => m.t === 'tasks')).toBe(false);
    const ids = await t.server.enqueue([shell('a'), shell('b')]);
    expect((await pulled).map((task) => task.id)).toEqual(ids);
  });

  it('hands out only tasks that fit the free cpus and memory of the pull', async () => {
    await start();
    const [big, small, hungry] = await t.server.enqueue([
      shell('big', { cpus: 4 }),
      shell('small'),
      shell('hungry', { memoryBytes: 8e9 }),
    ]);
    const a = await agent();
    expect((await a.pull({ freeCpus: 2, freeMemoryBytes: 1e9 })).map((task) => task.id)).toEqual([small]);
    const b = await agent();
    expect((await b.pull({ freeCpus: 8, freeMemoryBytes: 16e9 })).map((task) => task.id)).toEqual([big, hungry]);
  });

  it('hands out no task whose time limit exceeds the time the agent has left', async () => {
    await start();
    const [long, short] = await t.server.enqueue([
      shell('long', { timeLimitMs: 60_000 }),
      shell('short', { timeLimitMs: 1_000 }),
    ]);
    const a = await agent();
    expect((await a.pull({ remainingMs: 10_000 })).map((task) => task.id)).toEqual([short]);
    const b = await agent();
    expect((await b.pull({ remainingMs: 120_000 })).map((task) => task.id)).toEqual([long]);
  });

  it('judges tasks without a time limit by the longest run of their step so far', async () => {
    await start();
    await t.server.enqueue([shell('first', { step: 'align' })]);
    const a = await agent();
    const [first] = await a.pull();
    await a.done([result(first!, 0, { startedAt: 1_000, endedAt: 31_000 })]); // align took 30 s
    const [second, other] = await t.server.enqueue([
      shell('second', { step: 'align' }),
      shell('other', { step: 'count' }),
    ]);
    expect((await a.pull({ remainingMs: 20_000 })).map((task) => task.id)).toEqual([other]);
    const b = await agent();
    expect((await b.pull({ remainingMs: 40_000 })).map((task) => task.id)).toEqual([second]);
  });

  it('shares scarce tasks between waiting agents instead of giving one agent all of them', async () => {
    await start();
    const a = await agent();
    const b = await agent();
    const pulls = [a.pull({ max: 10 }), b.pull({ max: 10 })];
    await Promise.all([a.done([]), b.done([])]); // acknowledged after the pulls were taken in
    await t.server.enqueue([shell('1'), shell('2'), shell('3'), shell('4')]);
    const [fromA, fromB] = await Promise.all(pulls);
    expect([fromA!.length, fromB!.length]).toEqual([2, 2]);
  });

  it('acknowledges a repeated report of a recorded result without recording or logging it again', async () => {
    await start();
    await t.server.enqueue([shell('once')]);
    const a = await agent();
    const [task] = await a.pull();
    await a.done([result(task!, 0)]);
    await a.done([result(task!, 0)]);
    expect(await t.server.counts()).toMatchObject({ succeeded: 1 });
    expect(t.events.filter((e) => e.type === 'completed')).toHaveLength(1);
    expect(t.logs.filter((l) => l.event === 'late-completion')).toEqual([]);
  });

  it('queues a task handed back by a draining agent again, as a new attempt and not a failure', async () => {
    await start();
    const [id] = await t.server.enqueue([shell('sleep 100')]);
    const a = await agent();
    const [task] = await a.pull();
    await a.done([result(task!, 143, { requeue: 'drain' })]);
    expect(await t.server.counts()).toMatchObject({ queued: 1, failed: 0 });
    const b = await agent();
    expect(await b.pull()).toMatchObject([{ id, attempt: 2 }]);
    expect(t.events).toEqual([]);
  });

  it('tells agents the run is over and answers their pulls with end', async () => {
    await start();
    const a = await agent();
    t.server.end('run finished');
    expect(await a.next('end')).toMatchObject({ reason: 'run finished' });
    a.send({ t: 'pull', max: 1 });
    await a.next('end');
    expect(a.received.some((m) => m.t === 'tasks')).toBe(false);
  });

  it('cancels queued tasks at once and dispatched ones on their agent', async () => {
    await start();
    const [running, queued] = await t.server.enqueue([shell('sleep 60'), shell('sleep 61')]);
    const a = await agent();
    const [task] = await a.pull({ max: 1 });
    await t.server.cancel([running!, queued!]);
    expect(await a.next('cancel')).toMatchObject({ tasks: [{ id: running, attempt: 1 }] });
    expect(await t.server.counts()).toMatchObject({ cancelled: 1, running: 1, queued: 0 });
    await a.done([result(task!, null as unknown as number, { signal: 'SIGTERM' })]);
    expect(await t.server.counts()).toMatchObject({ cancelled: 2, running: 0 });
  });
});
