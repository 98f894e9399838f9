// What a plugin is: an ES module whose default export (or `plugin` export) names itself, may give a zod schema for
// its options, and creates the hooks pipe calls as a run goes. Hooks run off the engine's hot path (plugin-host.ts).
import type { ZodType } from 'zod';
import type { PipeEvent, RunFinishedEvent, RunStartedEvent } from '../../engine/events.js';

// A task attempt as plugins see it.
export interface PluginTask {
  readonly runId: string;
  readonly taskId: string;
  readonly stepId: string;
  readonly attempt: number;
  readonly tag?: string | undefined;
  readonly workDir?: string | undefined;
}

// How an attempt ended.
export interface PluginOutcome {
  readonly state: 'succeeded' | 'failed' | 'cancelled' | 'cached';
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly reason?: string | undefined;
}

export interface RunSummary {
  readonly runId: string;
  readonly status: RunFinishedEvent['status'];
  readonly counts: RunFinishedEvent['counts'];
  readonly notRun: number;
  readonly durationMs: number;
}

export interface PluginHooks {
  onRunStart?(run: RunStartedEvent): unknown;
  onSubmit?(task: PluginTask): unknown;
  onSchedule?(task: PluginTask, backend: string, jobId: string | undefined): unknown;
  onStart?(task: PluginTask): unknown;
  onReturned?(task: PluginTask, outcome: PluginOutcome): unknown;
  onRetry?(task: PluginTask, previous: PluginOutcome): unknown;
  onRunEnd?(summary: RunSummary): unknown;
  // Every event of the run, as the live view and the trace see them.
  onEvent?(event: PipeEvent): unknown;
  // Called once after the run, when pipe waits for the plugin's last calls (flush files, close connections).
  close?(): unknown;
}

export interface PluginContext {
  readonly launchDir: string;
  // One line on pipe's stderr (or above the live view), prefixed with the plugin's name.
  log(line: string): void;
}

export interface PipePlugin<Options = unknown> {
  readonly name: string;
  readonly options?: ZodType<Options> | undefined;
  create(options: Options, context: PluginContext): PluginHooks | Promise<PluginHooks>;
}

// Helps a plugin author get the types right: `export default definePlugin({ … })`.
export function definePlugin<Options>(plugin: PipePlugin<Options>): PipePlugin<Options> {
  return plugin;
}
