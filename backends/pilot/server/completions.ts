// Applying an agent's `done` and `started` batches: one transaction per batch, then `ack`. A result counts only
// for the task's current attempt on that agent; a repeat of a recorded result is acknowledged silently and a late
// one (the attempt was taken away) is ignored, so every task is recorded succeeded exactly once.
import type { Done, Started, TaskResult } from '../protocol/messages.js';
import { parseTaskId, type AgentState, type Dispatch, type ServerContext } from './context.js';
import { Outcome, type FinalOutcome, type QueueChange } from './queue-store.js';

// The verdict a result gives its task.
export function outcomeOf(result: TaskResult, cancelRequested: boolean): FinalOutcome {
  if (cancelRequested || result.reason === 'cancelled') return Outcome.Cancelled;
  return result.exitCode === 0 ? Outcome.Succeeded : Outcome.Failed;
}

// Sorts a batch's results into accepted ones (with their dispatch) and the others, keyed by task id.
function sortResults(ctx: ServerContext, agent: AgentState, results: readonly TaskResult[]) {
  const accepted: { result: TaskResult; dispatch: Dispatch }[] = [];
  const others: { result: TaskResult; id: number | undefined }[] = [];
  const seen = new Set<number>();
  for (const result of results) {
    const id = parseTaskId(result.id);
    const dispatch = id === undefined ? undefined : ctx.running.get(id);
    if (
      id !== undefined &&
      dispatch !== undefined &&
      dispatch.agent === agent.id &&
      dispatch.attempt === result.attempt &&
      !seen.has(id)
    ) {
      seen.add(id);
      accepted.push({ result, dispatch });
    } else {
      others.push({ result, id });
    }
  }
  return { accepted, others };
}

// Logs the results that were neither accepted nor repeats of recorded ones.
async function reportLate(
  ctx: ServerContext,
  agent: AgentState,
  others: readonly { result: TaskResult; id: number | undefined }[],
): Promise<void> {
  if (others.length === 0) return;
  const known = others.filter((o): o is { result: TaskResult; id: number } => o.id !== undefined);
  const records = await ctx.store.attempts(known.map((o) => ({ id: o.id, attempt: o.result.attempt })));
  const recorded = new Set(
    records
      .filter((r) => r.agent === agent.id && r.outcome !== undefined && r.outcome !== Outcome.Lost)
      .map((r) => `${r.id}:${r.attempt}`),
  );
  for (const { result, id } of others) {
    if (id !== undefined && recorded.has(`${id}:${result.attempt}`)) continue; // a repeat: already recorded
    ctx.log({
      level: 'warn',
      event: 'late-completion',
      message: `ignored a result for task ${result.id} attempt ${result.attempt} from agent ${agent.id}: that attempt is no longer its`,
      agent: agent.id,
      task: result.id,
      attempt: result.attempt,
    });
  }
}

// Records a `done` batch and acknowledges it. Runs inside the serial queue.
export async function applyDone(ctx: ServerContext, agent: AgentState, done: Done): Promise<void> {
  const { accepted, others } = sortResults(ctx, agent, done.results);
  const changes: QueueChange[] = accepted.map(({ result, dispatch }) => {
    const id = dispatch.task.id;
    const cancelled = ctx.cancelRequested.has(id);
    if (result.requeue !== undefined && !cancelled) {
      return {
        kind: 'requeue',
        id,
        attempt: dispatch.attempt,
        outcome: result.requeue === 'drain' ? Outcome.Drain : Outcome.Walltime,
        at: result.endedAt,
      };
    }
    return {
      kind: 'finish',
      id,
      attempt: dispatch.attempt,
      outcome: outcomeOf(result, cancelled),
      exitCode: result.exitCode,
      signal: result.signal,
      reason: result.reason ?? (cancelled ? 'cancelled' : undefined),
      startedAt: result.startedAt ?? dispatch.startedAt,
      at: result.endedAt,
    };
  });
  await ctx.store.apply(changes);
  const now = Date.now();
  accepted.forEach(({ result, dispatch }, i) => {
    const id = dispatch.task.id;
    ctx.running.delete(id);
    agent.running.delete(id);
    const change = changes[i]!;
    if (change.kind === 'requeue') {
      ctx.window.requeue({ ...dispatch.task, attempt: dispatch.attempt + 1, agent: undefined });
      return;
    }
    ctx.cancelRequested.delete(id);
    const startedAt = result.startedAt ?? dispatch.startedAt;
    if (change.kind === 'finish' && change.outcome === Outcome.Succeeded && startedAt !== undefined) {
      ctx.durations.observe(dispatch.task.step, result.endedAt - startedAt);
    }
    ctx.emit({ type: 'completed', id: result.id, agent: agent.id, result });
  });
  if (agent.running.size === 0) agent.idleSince = now;
  await reportLate(ctx, agent, others);
  agent.conn?.send({ t: 'ack', seq: done.seq });
  if (changes.some((c) => c.kind === 'requeue')) ctx.wake();
}

// Records the start of dispatched tasks. Runs inside the serial queue.
export async function applyStarted(ctx: ServerContext, agent: AgentState, started: Started): Promise<void> {
  const current = started.tasks.flatMap((start) => {
    const id = parseTaskId(start.id);
    const dispatch = id === undefined ? undefined : ctx.running.get(id);
    return dispatch !== undefined && dispatch.agent === agent.id && dispatch.attempt === start.attempt
      ? [{ start, dispatch }]
      : [];
  });
  await ctx.store.apply(
    current.map(({ start, dispatch }) => ({
      kind: 'start',
      id: dispatch.task.id,
      attempt: dispatch.attempt,
      at: start.at,
    })),
  );
  for (const { start, dispatch } of current) {
    dispatch.startedAt = start.at;
    ctx.emit({ type: 'started', id: start.id, agent: agent.id, at: start.at, pid: start.pid });
  }
}
