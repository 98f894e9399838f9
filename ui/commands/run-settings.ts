// The settings of one `pipe run`: the command line over pipe.yaml over the user's config file over the workflow's
// own configuration, and the environment overrides that move state out of the launch dir.
import { join, resolve } from 'node:path';
import { ConfigError } from '../../engine/errors.js';
import type { WorkflowGraph } from '../../engine/graph.js';
import { BACKEND_NAMES, isBackendName } from '../../backends/registry.js';
import { resolveSettings, type ConfigLayer } from '../config/index.js';

export interface CommandLineSettings {
  readonly backend?: string | undefined;
  readonly jobs?: number | undefined;
  readonly retries?: number | undefined;
  readonly retryDelay?: number | undefined;
  readonly keepGoing?: boolean | undefined;
  readonly workDir?: string | undefined;
  readonly monitoring?: boolean | undefined; // --with-monitoring, or a report that shows resource use
}

export type RunSettings = ReturnType<typeof resolveSettings> & { readonly stateDir: string; readonly workRoot: string };

// Merges the layers and checks the backend they name; PIPE_STATE_DIR and PIPE_WORK_DIR move the store and the
// work dirs out of the launch dir (parallel CWL conformance runs), unless the command line names a work dir.
export function runSettings(
  cli: CommandLineSettings,
  files: readonly ConfigLayer[],
  workflow: WorkflowGraph,
  backendOpts: Record<string, unknown>,
  launchDir: string,
  env: NodeJS.ProcessEnv,
): RunSettings {
  const fromCli: ConfigLayer = {
    source: 'the command line',
    ...cli,
    keepGoing: cli.keepGoing === true ? true : undefined,
    monitoring: cli.monitoring === true ? true : undefined,
  };
  const own: ConfigLayer = {
    source: "the workflow's configuration",
    backend: workflow.backend,
    backends: workflow.backendOptions,
  };
  const settings = resolveSettings([fromCli, ...files, own], backendOpts);
  if (!isBackendName(settings.backend)) {
    throw new ConfigError(`unknown backend \`${settings.backend}\` (named by ${settings.backendSource})`, {
      hint: `pipe runs tasks on: ${BACKEND_NAMES.join(', ')}; choose one with --backend or \`backend:\` in pipe.yaml`,
    });
  }
  const stateDir =
    env.PIPE_STATE_DIR !== undefined && env.PIPE_STATE_DIR !== ''
      ? resolve(launchDir, env.PIPE_STATE_DIR)
      : join(launchDir, '.pipe');
  const workDir =
    cli.workDir === undefined && env.PIPE_WORK_DIR !== undefined && env.PIPE_WORK_DIR !== ''
      ? env.PIPE_WORK_DIR
      : settings.workDir;
  return { ...settings, stateDir, workRoot: resolve(launchDir, workDir) };
}
