// An agent's side of the server: its hello (and reconnection with the dispatches it holds), then its pulls,
// starts, completions, beats and bye.
import type { Connection } from '../protocol/connection.js';
import type { AgentMessage, Hello, ServerMessage } from '../protocol/messages.js';
import { applyDone, applyStarted } from './completions.js';
import { parseTaskId, type AgentState, type ServerContext } from './context.js';
import type { Dispatcher } from './dispatcher.js';
import { checkNodeFigures, newNodeRecord, recordNode } from './node-figures.js';
import { releaseAgent } from './requeue.js';

type AgentConnection = Connection<AgentMessage, ServerMessage>;

// Matches what a (re)connected agent says it holds against what the server assigned it: held tasks no longer
// its are cancelled on it; its tasks it does not mention are requeued unless reported soon. Runs serially.
async function reconcile(ctx: ServerContext, agent: AgentState, hello: Hello): Promise<void> {
  const held = new Set<number>();
  const stale: { id: string; attempt: number }[] = [];
  for (const h of hello.holding ?? []) {
    const id = parseTaskId(h.id);
    const dispatch = id === undefined ? undefined : ctx.running.get(id);
    if (id !== undefined && dispatch !== undefined && dispatch.agent === agent.id && dispatch.attempt === h.attempt)
      held.add(id);
    else stale.push({ id: h.id, attempt: h.attempt });
  }
  const now = Date.now();
  for (const id of agent.running) {
    const dispatch = ctx.running.get(id);
    if (dispatch === undefined) continue;
    if (held.has(id)) delete dispatch.expiresAt;
    else dispatch.expiresAt ??= now + ctx.heartbeatTimeoutMs;
  }
  if (stale.length > 0) {
    agent.conn?.send({ t: 'cancel', tasks: stale });
    ctx.log({
      level: 'info',
      event: 'held-cancelled',
      message: `agent ${agent.id} holds ${stale.length} task(s) reassigned meanwhile: cancelled on it`,
      agent: agent.id,
      count: stale.length,
    });
  }
}

// Takes over a connection whose hello said role agent; resolves nothing, handlers live on the connection.
export function acceptAgent(
  ctx: ServerContext,
  dispatcher: Dispatcher,
  conn: AgentConnection,
  hello: Hello,
  proof: string, // the welcome's proof that this server holds the token
): (message: AgentMessage) => void {
  const info = hello.agent!;
  const now = Date.now();
  const existing = ctx.agents.get(info.id);
  if (existing?.conn !== undefined && !existing.conn.closed) existing.conn.destroy(); // a half-open old connection
  const agent: AgentState = existing ?? {
    id: info.id,
    lastSeen: now,
    running: new Set(),
    idleSince: now,
    leaving: false,
    node: newNodeRecord(),
  };
  agent.info = info;
  agent.conn = conn;
  agent.lastSeen = now;
  agent.pull = undefined;
  agent.leaving = false;
  ctx.agents.set(agent.id, agent);
  conn.send({ t: 'welcome', server: ctx.session, heartbeatMs: ctx.heartbeatMs, proof });
  ctx.log({
    level: 'info',
    event: existing === undefined ? 'agent-connected' : 'agent-reconnected',
    message: `agent ${agent.id} ${existing === undefined ? 'connected' : 'reconnected'} from ${conn.remote} (${info.host}, ${info.slots} slot(s))`,
    agent: agent.id,
    remote: conn.remote,
  });
  if (existing !== undefined || (hello.holding?.length ?? 0) > 0)
    void ctx.serial.run(() => reconcile(ctx, agent, hello)).catch((error) => storeFailed(ctx, error));
  if (ctx.ended !== undefined) conn.send({ t: 'end', reason: ctx.ended });

  return (message) => {
    agent.lastSeen = Date.now();
    switch (message.t) {
      case 'pull':
        if (ctx.ended !== undefined) conn.send({ t: 'end', reason: ctx.ended });
        else {
          agent.pull = message;
          dispatcher.pulled(agent);
        }
        return;
      case 'started':
        void ctx.serial.run(() => applyStarted(ctx, agent, message)).catch((error) => storeFailed(ctx, error));
        return;
      case 'done':
        void ctx.serial.run(() => applyDone(ctx, agent, message)).catch((error) => storeFailed(ctx, error));
        return;
      case 'beat': {
        const figures = checkNodeFigures(message.node);
        if (figures !== undefined) recordNode(agent.node, figures);
        return;
      }
      case 'bye':
        agent.leaving = true;
        dispatcher.forget(agent.id);
        void ctx.serial.run(() => releaseAgent(ctx, agent.id)).catch((error) => storeFailed(ctx, error));
        return;
      case 'hello':
        conn.send({ t: 'error', message: 'hello was already received on this connection' });
        return;
      default: {
        const never: never = message;
        conn.send({ t: 'error', message: `unknown message type ${JSON.stringify((never as { t?: unknown }).t)}` });
      }
    }
  };
}

// Forgets a closed agent connection; the agent keeps its tasks until it reconnects or is declared lost.
export function agentClosed(ctx: ServerContext, dispatcher: Dispatcher, agentId: string, conn: AgentConnection): void {
  const agent = ctx.agents.get(agentId);
  if (agent === undefined || agent.conn !== conn) return;
  agent.conn = undefined;
  agent.pull = undefined;
  dispatcher.forget(agentId);
  if (ctx.closing || agent.leaving) return;
  ctx.log({
    level: 'info',
    event: 'agent-disconnected',
    message: `agent ${agentId} disconnected holding ${agent.running.size} task(s)`,
    agent: agentId,
  });
}

// Logs a failed store operation (the server keeps running; the operation's effects were not recorded).
export function storeFailed(ctx: ServerContext, error: unknown): void {
  ctx.log({ level: 'warn', event: 'store-error', message: error instanceof Error ? error.message : String(error) });
}
