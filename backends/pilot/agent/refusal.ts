// Why a task an agent holds must not run there at all: the agent stopped taking tasks, the task can never fit its
// cpus or memory, it needs a work dir it was not given, or its time limit exceeds the time left before the drain.
import type { WireTask } from '../protocol/messages.js';
import type { ResourceGate } from './resource-gate.js';
import { HandBackReason, type HandBack } from './wire-task.js';

export interface Refusal {
  readonly reason: string;
  readonly requeue?: HandBack; // handed back to be run elsewhere
}

export function refusal(
  task: WireTask,
  refusing: HandBack | undefined,
  gate: Pick<ResourceGate, 'neverFits'>,
  remainingMs: number | undefined,
): Refusal | undefined {
  if (refusing !== undefined) return { reason: HandBackReason[refusing], requeue: refusing };
  const never = gate.neverFits(task);
  if (never !== undefined) return { reason: `cannot run on this agent: ${never}` };
  if (!task.light && task.workDir === undefined) return { reason: 'cannot run: a work-dir task without a work dir' };
  if (task.timeLimitMs !== undefined && remainingMs !== undefined && task.timeLimitMs > remainingMs) {
    return {
      reason: `handed back: its time limit of ${task.timeLimitMs} ms exceeds the ${Math.max(0, Math.round(remainingMs))} ms left`,
      requeue: 'walltime',
    };
  }
  return undefined;
}
