// The tasks an agent holds, from their arrival to their result: waiting until their cpus and memory fit, then
// run by the local backend (its launchers, process groups, time limits and cancel), then reported. What is held
// is in held-tasks.ts, why a task must not run here in refusal.ts.
import type { Backend, JobStatus } from '../../../engine/backend.js';
import type { NodeSampler } from '../../common/monitor/node-sampler.js';
import { createLocalBackend } from '../../local/index.js';
import type { TaskResult, TaskStart, WireTask } from '../protocol/messages.js';
import type { HeldLoad } from './bundle-size.js';
import { createHeldTasks, type Held } from './held-tasks.js';
import { refusal } from './refusal.js';
import { createResourceGate, type ResourceGate } from './resource-gate.js';
import {
  HandBackReason,
  preparedTask,
  runDuration,
  taskResult,
  taskStart,
  unrunResult,
  type HandBack,
} from './wire-task.js';

export interface TaskRunnerOptions {
  readonly launchDir: string;
  readonly slots: number;
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
  // Measure each task with the agent's node sampler (--monitor).
  readonly monitor?: { readonly intervalMs: number; readonly sampler: NodeSampler } | undefined;
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

const never = new AbortController().signal;

// The agent's local backend, and the gate in front of it; `lookahead` tasks beyond the slots queue in the launchers.
function localBackendAndGate(opts: TaskRunnerOptions): { backend: Backend; gate: ResourceGate } {
  const backend: Backend = createLocalBackend({
    launchDir: opts.launchDir,
    maxRunning: opts.slots,
    retainCompleted: 1,
    tasksDieWithPipe: true, // once the agent is gone its lease expires and the server runs them elsewhere
    monitor: opts.monitor,
  });
  const gate = createResourceGate({
    slots: opts.slots,
    cpus: opts.cpus,
    memoryBytes: opts.memoryBytes,
    lookahead: backend.lookahead ?? 0,
  });
  return { backend, gate };
}

// Creates the runner and its local backend.
export function createTaskRunner(opts: TaskRunnerOptions): TaskRunner {
  const { backend, gate } = localBackendAndGate(opts);
  const held = createHeldTasks();
  let tasksRun = 0;
  let refusing: HandBack | undefined;

  // Forgets a held dispatch and reports its result.
  const finish = (one: Held, result: TaskResult, durationMs?: number): void => {
    held.forget(one);
    opts.onResult(result, durationMs);
  };

  // Ends a dispatch that never reached the local backend.
  const finishUnrun = (one: Held, reason: string, requeue?: HandBack): void => {
    one.phase = 'waiting';
    finish(one, unrunResult(one.task, reason, requeue));
  };

  // Hands waiting tasks to the local backend, in order, while the gate admits them.
  const pump = (): void => {
    for (let one = held.nextWaiting(); one !== undefined; one = held.nextWaiting()) {
      const refused = refusal(one.task, refusing, gate, opts.remainingMs());
      if (refused !== undefined) {
        held.dequeue();
        finishUnrun(one, refused.reason, refused.requeue);
        continue;
      }
      if (!gate.admits(one.task)) break;
      held.dequeue();
      gate.take(one.task);
      one.phase = 'handed';
      const handed = one;
      backend.submit(preparedTask(one.task, one.localId), never).catch((error: Error) => {
        gate.release(handed.task);
        finishUnrun(handed, `cannot run: ${error.message}`);
      });
    }
  };

  // Statuses of the local backend: starts and completions.
  const onStatus = (localId: string, status: JobStatus): void => {
    const one = held.byLocalId(localId);
    if (one === undefined) return;
    if (status.state === 'running') {
      one.phase = 'running';
      opts.onStarted(taskStart(one.task, status));
      return;
    }
    if (status.state !== 'completed') return;
    gate.release(one.task);
    if (status.startedAt !== undefined) tasksRun += 1;
    finish(one, taskResult(one.task, status, one.handBack), runDuration(status));
    pump();
  };
  backend.subscribe!(onStatus);

  // Ends the waiting dispatches at once (with `reason`) and signals the others in the local backend (withdrawn when
  // not started yet); `mark` says which of those are signalled and marks them.
  const stop = (
    ones: readonly Held[],
    reason: string,
    requeue: HandBack | undefined,
    mark: (one: Held) => boolean,
  ): void => {
    const handed: Held[] = [];
    for (const one of ones) {
      if (held.byLocalId(one.localId) !== one) continue; // named twice, and already ended
      if (one.phase === 'waiting') finishUnrun(one, reason, requeue);
      else if (mark(one)) handed.push(one);
    }
    if (handed.length === 0) return;
    backend.cancel(handed.map((h) => h.localId)).catch(() => {});
  };

  return {
    add(tasks) {
      for (const task of tasks) held.add(task); // a dispatch sent twice is held once
      pump();
    },
    cancel(refs) {
      const ones = refs.flatMap((ref) => held.find(ref) ?? []);
      stop(ones, 'cancelled', undefined, () => true);
      pump();
    },
    stopTaking(kind) {
      refusing = kind;
      stop(held.all(), HandBackReason[kind], kind, (one) => {
        if (one.phase !== 'handed') return false;
        one.handBack = kind;
        return true;
      });
    },
    stopAll(kind) {
      refusing ??= kind ?? 'drain';
      stop(held.all(), kind === undefined ? 'cancelled' : HandBackReason[kind], kind, (one) => {
        one.handBack ??= kind;
        return true;
      });
    },
    load: () => held.load(),
    holding: () => held.all().map((one) => ({ id: one.task.id, attempt: one.task.attempt })),
    get tasksRun() {
      return tasksRun;
    },
    async close() {
      backend.kill?.();
      await backend.close();
    },
  };
}
