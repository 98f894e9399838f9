// pipe as a library: `import { run } from 'pipe'` runs a workflow in this process, as `pipe run` does, with hooks
// called as plugins' are (docs/plugins.md#pipe-as-a-library).
import { runCommand } from '../commands/run.js';
import type { PluginHooks } from '../plugins/types.js';

export type { PipeEvent } from '../../engine/events.js';
export type { TaskResources } from '../../engine/resources.js';
export { definePlugin } from '../plugins/types.js';
export type {
  PipePlugin,
  PluginContext,
  PluginHooks,
  PluginOutcome,
  PluginTask,
  RunSummary,
} from '../plugins/types.js';

export interface RunOptions {
  readonly hooks?: PluginHooks | undefined; // called off the run's hot path, each call time-limited
  readonly plugins?: readonly string[] | undefined; // as --plugin: `audit`, `weblog?url=…`, a file or a package
  readonly args?: readonly string[] | undefined; // a CWL job file and input flags
  readonly jobs?: number | undefined;
  readonly backend?: string | undefined;
  readonly backendOptions?: readonly string[] | undefined; // as --backend-opt KEY=VALUE
  readonly resume?: boolean | string | undefined;
  readonly keepGoing?: boolean | undefined;
  readonly retries?: number | undefined;
  readonly workDir?: string | undefined;
  readonly withTrace?: string | undefined;
  readonly withReport?: string | undefined;
  readonly withMonitoring?: boolean | undefined;
  readonly quiet?: boolean | undefined; // default true: only errors and the final line on stderr
}

export interface RunResult {
  readonly exitCode: number; // pipe run's: 0 success, 1 a task failed, 2 usage or parse error, …
}

// Runs a workflow file (CWL, .nf or a task list) with the current directory as the launch directory. Errors a user
// can cause (a bad file, bad options) reject with a PipeError that names them.
export async function run(workflow: string, options: RunOptions = {}): Promise<RunResult> {
  const raw = {
    quiet: options.quiet ?? true,
    logFormat: 'plain',
    progressInterval: 5,
    hooks: options.hooks,
    plugin: options.plugins,
    jobs: options.jobs,
    backend: options.backend,
    backendOpt: options.backendOptions,
    resume: options.resume === false ? undefined : options.resume,
    keepGoing: options.keepGoing,
    retries: options.retries,
    workDir: options.workDir,
    withTrace: options.withTrace,
    withReport: options.withReport,
    withMonitoring: options.withMonitoring,
  };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const exitCode = await runCommand(workflow, options.args ?? [], defined, ['run', workflow, ...(options.args ?? [])]);
  return { exitCode };
}
