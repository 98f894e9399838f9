// What launchers, `pipe server`'s view and `pipe tasks --server` see of the agents.
import type { ServerContext } from './context.js';
import type { AgentSummary } from './types.js';

// What launchers, the live view and clients see of the agents.
export function agentSummaries(ctx: ServerContext, now: number): AgentSummary[] {
  return [...ctx.agents.values()].map((agent) => ({
    id: agent.id,
    host: agent.info?.host ?? '?',
    slots: agent.info?.slots ?? 0,
    running: agent.running.size,
    connected: agent.conn !== undefined && !agent.conn.closed,
    idleSinceMs: agent.running.size === 0 ? now - agent.idleSince : undefined,
    node: agent.node.latest,
  }));
}
