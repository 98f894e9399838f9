// Starts agents against a fake server in a scratch launch dir, and stops whatever a test left running.
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgent } from '../../../../backends/pilot/agent/index.js';
import type { AgentHandle, AgentLogEvent, AgentOptions } from '../../../../backends/pilot/agent/types.js';
import type { FakeServer } from './fake-server.js';
import { testToken } from '../../../helpers/token.js';

export interface TestAgent extends AgentHandle {
  readonly launchDir: string;
  readonly events: AgentLogEvent[];
}

const running: { agent: AgentHandle; server: FakeServer }[] = [];

// A new scratch directory.
export function scratch(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'pipe-test-agent-')));
}

// An agent with two slots and two cpus, no idle timeout, quick reconnections.
export function agentFor(server: FakeServer, extra: Partial<AgentOptions> = {}): TestAgent {
  const launchDir = extra.launchDir ?? scratch();
  const events: AgentLogEvent[] = [];
  const agent = startAgent({
    server: server.url,
    token: testToken(),
    slots: 2,
    cpus: 2,
    launchDir,
    idleTimeoutMs: 0,
    reconnect: { initialMs: 20, maxMs: 100, giveUpMs: 10_000 },
    log: (event) => events.push(event),
    ...extra,
  });
  running.push({ agent, server });
  return { ...agent, done: agent.done, drain: agent.drain, launchDir, events };
}

// Ends every agent a test started (the server says the run is over) and waits for them.
export async function stopAgents(): Promise<void> {
  for (const { agent, server } of running.splice(0)) {
    server.send({ t: 'end', reason: 'test over' });
    await Promise.race([agent.done, new Promise((r) => setTimeout(r, 5_000))]);
  }
}
