// Resuming a session: tasks the store says are dispatched stay with their agents, which get heartbeatTimeoutMs
// to reconnect and say they hold them before the tasks are requeued.
import { newNodeRecord } from './node-figures.js';
import type { ServerContext } from './context.js';

// Rebuilds who holds which task from the store. Call before the server listens.
export async function restoreDispatches(ctx: ServerContext): Promise<void> {
  const now = Date.now();
  const tasks = await ctx.store.running(ctx.session);
  for (const task of tasks) {
    const agentId = task.agent ?? '';
    ctx.running.set(task.id, { task, agent: agentId, attempt: task.attempt });
    let agent = ctx.agents.get(agentId);
    if (agent === undefined) {
      agent = { id: agentId, lastSeen: now, running: new Set(), idleSince: now, leaving: false, node: newNodeRecord() };
      ctx.agents.set(agentId, agent);
    }
    agent.running.add(task.id);
  }
  ctx.log({
    level: 'info',
    event: 'session-resumed',
    message: `resumed session ${ctx.session}: ${tasks.length} dispatched task(s) wait for ${ctx.agents.size} agent(s) to reconnect`,
    session: ctx.session,
    dispatched: tasks.length,
  });
}
