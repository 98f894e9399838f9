// An agent trusts a server only once it proves it holds the token, and only the session it first served.
import { afterEach, describe, expect, it } from 'vitest';
import { agentFor, stopAgents } from './agent-harness.js';
import { startFakeServer, wireTask, type FakeServer } from './fake-server.js';
import { testToken } from '../../../helpers/token.js';

let server: FakeServer;

afterEach(async () => {
  await stopAgents();
  await server?.close();
});

describe('pilot agent: the server proves itself', () => {
  it('refuses a server that welcomes it without knowing the token, and runs none of its tasks', async () => {
    server = await startFakeServer({ token: testToken('not the agent’s'), welcomeAnyone: true });
    const agent = agentFor(server);
    server.push([wireTask('planted', 'touch planted')]);
    const exit = await agent.done;
    expect(exit).toMatchObject({ reason: 'refused', tasksRun: 0 });
    expect(exit.message).toContain('did not prove that it holds the token');
    expect(server.received.some((r) => r.message.t === 'pull')).toBe(false);
    const hello = server.received.find((r) => r.message.t === 'hello')?.message;
    expect(JSON.stringify(hello)).not.toContain(testToken());
  });

  it('refuses to reconnect to a server whose session changed', async () => {
    server = await startFakeServer({ session: 'first' });
    const agent = agentFor(server);
    server.push([wireTask('a', 'true')]);
    await server.resultsFor(['a']);
    server.session = 'second';
    server.drop();
    const exit = await agent.done;
    expect(exit).toMatchObject({ reason: 'refused' });
    expect(exit.message).toContain('session changed (first → second)');
  });
});
