// The tasks an agent holds, from their arrival to their result: waiting until their cpus and memory fit, then
// run by the local backend (its launchers, process groups, time limits and cancel), then reported.
import type { Backend, JobStatus } from '../../../engine/backend.js';
import { createLocalBackend } from '../../local/index.js';
import type { TaskResult, TaskStart, WireTask } from '../protocol/messages.js';
import type { HeldLoad } from './bundle-size.js';
import { createResourceGate } from './resource-gate.js';
import { dispatchKey, HandBackReason, preparedTask, taskResult, unrunResult, type HandBack } from './wire-task.js';

export interface TaskRunnerOptions {
  readonly launchDir: string;
  readonly slots: number;
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
  // Time left before the agent must drain (undefined: no end): a task whose time limit exceeds it is handed back.
  readonly remainingMs: () => number | undefined;
  readonly onStarted: (start: TaskStart) => void;
  readonly onResult: (result: TaskResult, durationMs: number | undefined) => void;
}

export interface TaskRunner {
  add(tasks: readonly WireTask[]): void;
  // Cancels dispatches: waiting ones end at once, running ones are signalled; all report a result.
  cancel(refs: readonly { readonly id: string; readonly attempt: number }[]): void;
  // Hands back what has not started, and from now on every task that arrives.
  stopTaking(kind: HandBack): void;
  // Stops everything running; with `kind` their results are marked for requeueing.
  stopAll(kind?: HandBack): void;
  load(): HeldLoad;
  holding(): { id: string; attempt: number }[];
  readonly tasksRun: number;
  close(): Promise<void>;
}

interface Held {
  readonly task: WireTask;
  readonly localId: string;
  phase: 'waiting' | 'handed' | 'running';
  handBack: HandBack | undefined;
}

const never = new AbortController().signal;

// Creates the runner and its local backend; `lookahead` tasks beyond the slots queue in the launchers.
export function createTaskRunner(opts: TaskRunnerOptions): TaskRunner {
  const backend: Backend = createLocalBackend({
    launchDir: opts.launchDir,
    maxRunning: opts.slots,
    retainCompleted: 1,
  });
  const gate = createResourceGate({
    slots: opts.slots,
    cpus: opts.cpus,
    memoryBytes: opts.memoryBytes,
    lookahead: backend.lookahead ?? 0,
  });
  const byKey = new Map<string, Held>();
  const byLocalId = new Map<string, Held>();
  let waiting: Held[] = [];
  let head = 0; // waiting[head..] still wait
  let nextLocal = 0;
  let cpus = 0;
  let memory = 0;
  let tasksRun = 0;
  let refusing: HandBack | undefined;

  // Forgets a held dispatch and reports its result.
  const finish = (held: Held, result: TaskResult, durationMs?: number): void => {
    byKey.delete(dispatchKey(held.task.id, held.task.attempt));
    byLocalId.delete(held.localId);
    cpus -= held.task.cpus;
    memory -= held.task.memoryBytes ?? 0;
    opts.onResult(result, durationMs);
  };

  // Ends a dispatch that never reached the local backend.
  const finishUnrun = (held: Held, reason: string, requeue?: HandBack): void => {
    held.phase = 'waiting';
    finish(held, unrunResult(held.task, reason, requeue));
  };

  // Why a waiting task must not run here at all, or undefined.
  const refusal = (task: WireTask): { reason: string; requeue?: HandBack } | undefined => {
    if (refusing !== undefined) return { reason: HandBackReason[refusing], requeue: refusing };
    const never = gate.neverFits(task);
    if (never !== undefined) return { reason: `cannot run on this agent: ${never}` };
    if (!task.light && task.workDir === undefined) return { reason: 'cannot run: a work-dir task without a work dir' };
    const remaining = opts.remainingMs();
    if (task.timeLimitMs !== undefined && remaining !== undefined && task.timeLimitMs > remaining) {
      return {
        reason: `handed back: its time limit of ${task.timeLimitMs} ms exceeds the ${Math.max(0, Math.round(remaining))} ms left`,
        requeue: 'walltime',
      };
    }
    return undefined;
  };

  // Hands waiting tasks to the local backend, in order, while the gate admits them.
  const pump = (): void => {
    while (head < waiting.length) {
      const held = waiting[head] as Held;
      if (held.phase !== 'waiting' || !byLocalId.has(held.localId)) {
        head += 1;
        continue;
      }
      const refused = refusal(held.task);
      if (refused !== undefined) {
        head += 1;
        finishUnrun(held, refused.reason, refused.requeue);
        continue;
      }
      if (!gate.admits(held.task)) break;
      head += 1;
      gate.take(held.task);
      held.phase = 'handed';
      backend.submit(preparedTask(held.task, held.localId), never).catch((error: Error) => {
        gate.release(held.task);
        finishUnrun(held, `cannot run: ${error.message}`);
      });
    }
    if (head > 1024 && head * 2 > waiting.length) {
      waiting = waiting.slice(head);
      head = 0;
    }
  };

  // Statuses of the local backend: starts and completions.
  const onStatus = (localId: string, status: JobStatus): void => {
    const held = byLocalId.get(localId);
    if (held === undefined) return;
    if (status.state === 'running') {
      held.phase = 'running';
      const at = status.startedAt ?? Date.now();
      opts.onStarted({
        id: held.task.id,
        attempt: held.task.attempt,
        at,
        pid: status.nativeId === undefined ? undefined : Number(status.nativeId),
      });
      return;
    }
    if (status.state !== 'completed') return;
    gate.release(held.task);
    if (status.startedAt !== undefined) tasksRun += 1;
    const duration =
      status.startedAt !== undefined && status.exitCode !== null ? status.endedAt - status.startedAt : undefined;
    finish(held, taskResult(held.task, status, held.handBack), duration);
    pump();
  };
  backend.subscribe!(onStatus);

  // Signals dispatches in the local backend (withdrawn when not started yet).
  const cancelHanded = (held: readonly Held[]): void => {
    if (held.length === 0) return;
    backend.cancel(held.map((h) => h.localId)).catch(() => {});
  };

  return {
    add(tasks) {
      for (const task of tasks) {
        const key = dispatchKey(task.id, task.attempt);
        if (byKey.has(key)) continue; // sent twice: it is already here
        nextLocal += 1;
        const held: Held = { task, localId: `p${nextLocal}`, phase: 'waiting', handBack: undefined };
        byKey.set(key, held);
        byLocalId.set(held.localId, held);
        cpus += task.cpus;
        memory += task.memoryBytes ?? 0;
        waiting.push(held);
      }
      pump();
    },
    cancel(refs) {
      const handed: Held[] = [];
      for (const ref of refs) {
        const held = byKey.get(dispatchKey(ref.id, ref.attempt));
        if (held === undefined) continue;
        if (held.phase === 'waiting') finishUnrun(held, 'cancelled');
        else handed.push(held);
      }
      cancelHanded(handed);
      pump();
    },
    stopTaking(kind) {
      refusing = kind;
      const handed: Held[] = [];
      for (const held of [...byKey.values()]) {
        if (held.phase === 'waiting') finishUnrun(held, HandBackReason[kind], kind);
        else if (held.phase === 'handed') {
          held.handBack = kind;
          handed.push(held);
        }
      }
      cancelHanded(handed);
    },
    stopAll(kind) {
      refusing ??= kind ?? 'drain';
      const handed: Held[] = [];
      for (const held of [...byKey.values()]) {
        if (held.phase === 'waiting') finishUnrun(held, kind === undefined ? 'cancelled' : HandBackReason[kind], kind);
        else {
          held.handBack ??= kind;
          handed.push(held);
        }
      }
      cancelHanded(handed);
    },
    load() {
      return { tasks: byKey.size, cpus, memoryBytes: memory };
    },
    holding() {
      return [...byKey.values()].map((h) => ({ id: h.task.id, attempt: h.task.attempt }));
    },
    get tasksRun() {
      return tasksRun;
    },
    async close() {
      backend.kill?.();
      await backend.close();
    },
  };
}
