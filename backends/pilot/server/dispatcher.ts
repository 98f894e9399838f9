// Answering pulls: each waiting agent, in the order it asked, gets its share of the ready tasks that fit it; the
// dispatch is recorded in the store before the `tasks` frame leaves.
import { fits, roomOf, take } from './bundle.js';
import { toWireTask, type AgentState, type ServerContext } from './context.js';
import type { QueueChange, StoredTask } from './queue-store.js';

export interface Dispatcher {
  // Notes an agent's pull (replacing one it already had outstanding) and asks for a round.
  pulled(agent: AgentState): void;
  // Forgets an agent's outstanding pull.
  forget(agentId: string): void;
  // Runs dispatch rounds until no waiting pull can be served. Runs inside the serial queue.
  round(): Promise<void>;
}

// Creates the dispatcher of a server.
export function createDispatcher(ctx: ServerContext): Dispatcher {
  const waiting = new Set<string>(); // agent ids with a pull outstanding, oldest first

  // The waiting agents that can still be served, dropping those gone.
  const servable = (): AgentState[] => {
    const out: AgentState[] = [];
    for (const id of waiting) {
      const agent = ctx.agents.get(id);
      if (
        agent === undefined ||
        agent.conn === undefined ||
        agent.conn.closed ||
        agent.pull === undefined ||
        agent.leaving
      )
        waiting.delete(id);
      else out.push(agent);
    }
    return out;
  };

  // Picks each agent's bundle from the window, taking the chosen tasks out of it.
  const pick = (agents: readonly AgentState[]): { agent: AgentState; tasks: StoredTask[] }[] => {
    const share = Math.ceil(ctx.window.size / agents.length);
    const bundles: { agent: AgentState; tasks: StoredTask[] }[] = [];
    for (const agent of agents) {
      const room = roomOf(agent.pull!, share);
      const chosen: StoredTask[] = [];
      for (const task of ctx.window.tasks()) {
        if (room.count < 1) break;
        if (!fits(task, room, ctx.durations)) continue;
        take(task, room);
        chosen.push(task);
      }
      for (const task of chosen) ctx.window.remove(task.id);
      if (chosen.length > 0) bundles.push({ agent, tasks: chosen });
    }
    return bundles;
  };

  // Records and sends bundles; on a store failure puts their tasks back and rethrows.
  const send = async (bundles: readonly { agent: AgentState; tasks: StoredTask[] }[]): Promise<void> => {
    const now = Date.now();
    const changes: QueueChange[] = bundles.flatMap(({ agent, tasks }) =>
      tasks.map((task) => ({
        kind: 'dispatch' as const,
        id: task.id,
        attempt: task.attempt,
        agent: agent.id,
        at: now,
      })),
    );
    try {
      await ctx.store.apply(changes);
    } catch (error) {
      for (const { tasks } of bundles) for (const task of tasks) ctx.window.requeue(task);
      throw error;
    }
    for (const { agent, tasks } of bundles) {
      for (const task of tasks) {
        ctx.running.set(task.id, { task: { ...task, agent: agent.id }, agent: agent.id, attempt: task.attempt });
        agent.running.add(task.id);
      }
      agent.pull = undefined;
      waiting.delete(agent.id);
      agent.conn?.send({ t: 'tasks', tasks: tasks.map(toWireTask) });
    }
  };

  return {
    pulled(agent) {
      waiting.add(agent.id);
      ctx.wake();
    },
    forget(agentId) {
      waiting.delete(agentId);
    },
    async round() {
      for (;;) {
        if (ctx.ended !== undefined || ctx.closing) return;
        await ctx.window.refill((id) => ctx.running.has(id));
        const agents = servable();
        if (agents.length === 0 || ctx.window.size === 0) return;
        const bundles = pick(agents);
        if (bundles.length === 0) return;
        await send(bundles);
      }
    },
  };
}
