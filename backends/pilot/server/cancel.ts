// Cancelling tasks: queued ones end at once as cancelled; dispatched ones are cancelled on their agent and end
// as cancelled when it reports them (or when it is lost).
import { parseTaskId, type ServerContext } from './context.js';
import type { QueueChange } from './queue-store.js';

// Cancels the tasks with these ids. Runs inside the serial queue.
export async function cancelTasks(ctx: ServerContext, ids: readonly string[]): Promise<void> {
  const perAgent = new Map<string, { id: string; attempt: number }[]>();
  const notDispatched: number[] = [];
  for (const wireId of ids) {
    const id = parseTaskId(wireId);
    if (id === undefined) continue;
    const dispatch = ctx.running.get(id);
    if (dispatch === undefined) {
      notDispatched.push(id);
      continue;
    }
    ctx.cancelRequested.add(id);
    const list = perAgent.get(dispatch.agent) ?? [];
    list.push({ id: wireId, attempt: dispatch.attempt });
    perAgent.set(dispatch.agent, list);
  }
  for (const [agentId, tasks] of perAgent) ctx.agents.get(agentId)?.conn?.send({ t: 'cancel', tasks });
  const states = await ctx.store.states(notDispatched);
  const now = Date.now();
  const queued = notDispatched.filter((id) => states.get(id)?.state === 'queued');
  const changes: QueueChange[] = queued.map((id) => ({ kind: 'cancel', id, at: now }));
  await ctx.store.apply(changes);
  for (const id of queued) {
    ctx.window.remove(id);
    const attempt = states.get(id)?.attempt ?? 1;
    ctx.emit({
      type: 'completed',
      id: String(id),
      result: { id: String(id), attempt, exitCode: null, endedAt: now, reason: 'cancelled' },
    });
  }
}
