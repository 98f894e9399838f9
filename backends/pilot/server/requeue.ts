// Handing dispatched tasks back to the queue (their agent was lost, left, or gave them back), or ending them as
// cancelled when a cancel was asked for meanwhile.
import { Outcome, type QueueChange } from './queue-store.js';
import type { Dispatch, ServerContext } from './context.js';

// Requeues dispatches with attempt + 1, recording `outcome` for the attempt. Runs inside the serial queue.
export async function requeueDispatches(
  ctx: ServerContext,
  dispatches: readonly Dispatch[],
  outcome: Outcome,
): Promise<void> {
  const live = dispatches.filter((d) => ctx.running.get(d.task.id) === d);
  if (live.length === 0) return;
  const now = Date.now();
  const changes: QueueChange[] = live.map((d) =>
    ctx.cancelRequested.has(d.task.id)
      ? {
          kind: 'finish',
          id: d.task.id,
          attempt: d.attempt,
          outcome: Outcome.Cancelled,
          exitCode: null,
          reason: 'cancelled',
          at: now,
        }
      : { kind: 'requeue', id: d.task.id, attempt: d.attempt, outcome, at: now },
  );
  await ctx.store.apply(changes);
  for (const d of live) {
    ctx.running.delete(d.task.id);
    const agent = ctx.agents.get(d.agent);
    if (agent !== undefined) {
      agent.running.delete(d.task.id);
      if (agent.running.size === 0) agent.idleSince = now;
    }
    if (ctx.cancelRequested.delete(d.task.id)) {
      ctx.emit({
        type: 'completed',
        id: String(d.task.id),
        agent: d.agent,
        result: { id: String(d.task.id), attempt: d.attempt, exitCode: null, endedAt: now, reason: 'cancelled' },
      });
    } else {
      ctx.window.requeue({ ...d.task, attempt: d.attempt + 1, agent: undefined });
    }
  }
  ctx.wake();
}

// Declares an agent lost: forgets it and requeues what it held.
export async function loseAgent(ctx: ServerContext, agentId: string, why: string): Promise<void> {
  const agent = ctx.agents.get(agentId);
  if (agent === undefined) return;
  ctx.agents.delete(agentId);
  agent.conn?.destroy();
  const held = [...agent.running].map((id) => ctx.running.get(id)).filter((d): d is Dispatch => d !== undefined);
  ctx.log({
    level: 'warn',
    event: 'agent-lost',
    message: `agent ${agentId} lost (${why}); ${held.length} task(s) requeued`,
    agent: agentId,
    requeued: held.length,
  });
  await requeueDispatches(ctx, held, Outcome.Lost);
}

// Requeues what a departing agent still held (it said bye) and forgets it.
export async function releaseAgent(ctx: ServerContext, agentId: string): Promise<void> {
  const agent = ctx.agents.get(agentId);
  if (agent === undefined) return;
  ctx.agents.delete(agentId);
  const held = [...agent.running].map((id) => ctx.running.get(id)).filter((d): d is Dispatch => d !== undefined);
  ctx.log({
    level: 'info',
    event: 'agent-left',
    message: `agent ${agentId} left${held.length > 0 ? `; ${held.length} task(s) requeued` : ''}`,
    agent: agentId,
  });
  await requeueDispatches(ctx, held, Outcome.Lost);
}

// Requeues what silent agents and unclaimed dispatches hold; called on every heartbeat tick.
export async function expireSilent(ctx: ServerContext, now: number): Promise<void> {
  for (const agent of [...ctx.agents.values()]) {
    if (now - agent.lastSeen > ctx.heartbeatTimeoutMs) {
      await loseAgent(
        ctx,
        agent.id,
        agent.conn === undefined ? 'disconnected and did not come back' : `silent for ${now - agent.lastSeen} ms`,
      );
    }
  }
  const unclaimed = [...ctx.running.values()].filter((d) => d.expiresAt !== undefined && d.expiresAt <= now);
  if (unclaimed.length > 0) {
    ctx.log({
      level: 'warn',
      event: 'dispatch-unclaimed',
      message: `${unclaimed.length} task(s) not reported by their reconnected agent requeued`,
      count: unclaimed.length,
    });
    await requeueDispatches(ctx, unclaimed, Outcome.Lost);
  }
}
