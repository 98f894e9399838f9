// Runs plugins' hooks beside a run: the bus listener only queues calls, and each plugin's queue is drained on its
// own, one call at a time, so a slow plugin never holds the engine. A hook that throws is reported once; one that
// exceeds its time budget is reported and the plugin is switched off for the rest of the run.
import type { EventBus, PipeEvent, TaskStateEvent } from '../../engine/events.js';
import type { PipePlugin, PluginHooks, PluginOutcome, PluginTask } from './types.js';

export const DEFAULT_BUDGET_MS = 5000;
const MAX_QUEUED = 100_000; // calls waiting per plugin; beyond, calls are dropped (and that is reported)

export interface ActivePlugin {
  readonly name: string;
  readonly hooks: PluginHooks;
}

export interface PluginHost {
  attach(bus: EventBus, backend: string): void;
  // Waits (at most `deadlineMs`) for queued calls, then calls each plugin's close().
  close(deadlineMs?: number): Promise<void>;
}

type Call = () => unknown;

const ENDED = new Set(['succeeded', 'failed', 'cancelled', 'cached']);

// One plugin's queue and its state.
function createLane(plugin: ActivePlugin, budgetMs: number, warn: (line: string) => void) {
  const queue: Call[] = [];
  let draining: Promise<void> | undefined;
  let off = false;
  let threw = false;
  let dropped = false;

  // Calls one hook within the budget; false once the plugin is switched off.
  const callOne = async (call: Call): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), budgetMs)));
    try {
      const result = await Promise.race([Promise.resolve().then(call), timeout]);
      if (result === 'timeout') {
        off = true;
        warn(`plugin ${plugin.name}: a hook took longer than ${budgetMs} ms; the plugin is switched off for this run`);
      }
    } catch (error) {
      if (!threw)
        warn(`plugin ${plugin.name}: a hook failed: ${error instanceof Error ? error.message : String(error)}`);
      threw = true;
    } finally {
      clearTimeout(timer);
    }
  };
  const drain = async (): Promise<void> => {
    while (queue.length > 0 && !off) await callOne(queue.shift() as Call);
    queue.length = 0;
    draining = undefined;
  };
  return {
    push(call: Call): void {
      if (off) return;
      if (queue.length >= MAX_QUEUED) {
        if (!dropped) warn(`plugin ${plugin.name}: more than ${MAX_QUEUED} calls waiting; later ones are dropped`);
        dropped = true;
        return;
      }
      queue.push(call);
      draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(drain);
    },
    async idle(): Promise<void> {
      while (draining !== undefined) await draining;
    },
    async close(): Promise<void> {
      if (!off && plugin.hooks.close !== undefined) await callOne(() => plugin.hooks.close?.());
    },
  };
}

// The hook calls one event means for one plugin.
function callsFor(
  hooks: PluginHooks,
  event: PipeEvent,
  backend: string,
  state: { runId: string; startedAt: number; failed: Map<string, PluginOutcome> },
): Call[] {
  const calls: Call[] = [];
  if (hooks.onEvent !== undefined) calls.push(() => hooks.onEvent?.(event));
  switch (event.type) {
    case 'run.started':
      if (hooks.onRunStart !== undefined) calls.push(() => hooks.onRunStart?.(event));
      break;
    case 'run.finished': {
      const summary = { ...event, durationMs: event.time - state.startedAt };
      if (hooks.onRunEnd !== undefined)
        calls.push(() =>
          hooks.onRunEnd?.({
            runId: summary.runId,
            status: summary.status,
            counts: summary.counts,
            notRun: summary.notRun,
            durationMs: summary.durationMs,
          }),
        );
      break;
    }
    case 'task.state':
      calls.push(...taskCalls(hooks, event, backend, state));
      break;
    default:
      break;
  }
  return calls;
}

function taskCalls(
  hooks: PluginHooks,
  event: TaskStateEvent,
  backend: string,
  state: { runId: string; failed: Map<string, PluginOutcome> },
): Call[] {
  const task: PluginTask = {
    runId: state.runId,
    taskId: event.taskId,
    stepId: event.stepId,
    attempt: event.attempt,
    tag: event.tag,
    workDir: event.workDir,
  };
  const calls: Call[] = [];
  if (event.to === 'submitted') {
    const previous = state.failed.get(event.taskId);
    if (event.attempt > 1 && previous !== undefined && hooks.onRetry !== undefined)
      calls.push(() => hooks.onRetry?.(task, previous));
    state.failed.delete(event.taskId);
    if (hooks.onSubmit !== undefined) calls.push(() => hooks.onSubmit?.(task));
  } else if (event.to === 'running') {
    if (hooks.onSchedule !== undefined) calls.push(() => hooks.onSchedule?.(task, backend, event.nativeId));
    if (hooks.onStart !== undefined) calls.push(() => hooks.onStart?.(task));
  } else if (ENDED.has(event.to)) {
    const outcome: PluginOutcome = {
      state: event.to as PluginOutcome['state'],
      exitCode: event.exitCode,
      signal: event.signal,
      reason: event.reason,
    };
    if (event.to === 'failed') state.failed.set(event.taskId, outcome);
    if (hooks.onReturned !== undefined) calls.push(() => hooks.onReturned?.(task, outcome));
  }
  return calls;
}

// A host for plugins already created.
export function createPluginHost(
  plugins: readonly ActivePlugin[],
  warn: (line: string) => void,
  budgetMs = DEFAULT_BUDGET_MS,
): PluginHost {
  const lanes = plugins.map((plugin) => ({ plugin, lane: createLane(plugin, budgetMs, warn) }));
  const state = { runId: '', startedAt: Date.now(), failed: new Map<string, PluginOutcome>() };
  return {
    attach(bus, backend) {
      if (lanes.length === 0) return;
      bus.subscribe((event) => {
        if (event.type === 'run.started') {
          state.runId = event.runId;
          state.startedAt = event.time;
        }
        for (const { plugin, lane } of lanes)
          for (const call of callsFor(plugin.hooks, event, backend, state)) lane.push(call);
      });
    },
    async close(deadlineMs = 10_000) {
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, deadlineMs).unref());
      await Promise.race([Promise.all(lanes.map(({ lane }) => lane.idle())), deadline]);
      await Promise.race([Promise.all(lanes.map(({ lane }) => lane.close())), deadline]);
    },
  };
}

export type { PipePlugin };
