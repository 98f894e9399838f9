// The plugins of one `pipe run`: named by --plugin and by the configuration files' `plugins:`, loaded before the
// run starts (so a missing plugin or bad options stop it at once), fed from the run's bus, drained at its end.
import type { EventBus } from '../../engine/events.js';
import type { ConfigLayer } from '../config/config-layer.js';
import type { PluginHooks } from './types.js';
import { isPipePlugin, loadPlugins, pluginSpecs } from './load-plugins.js';
import { createPluginHost, DEFAULT_BUDGET_MS, type PluginHost } from './plugin-host.js';

// The time budget of one hook call, in ms (PIPE_PLUGIN_TIMEOUT_MS; default 5000).
function budget(env: NodeJS.ProcessEnv): number {
  const value = Number(env.PIPE_PLUGIN_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_BUDGET_MS;
}

export interface RunPlugins {
  attach(bus: EventBus, backend: string, write: (line: string) => void): void;
  close(): Promise<void>;
}

// Nextflow plugins whose work pipe does itself: named in nextflow.config, they load nothing and warn of nothing.
const BUILT_IN_NEXTFLOW = new Set(['nf-schema', 'nf-validation']);

// The pipe plugins among a workflow configuration's plugin ids (`name@version`); the others are named in a warning.
export function workflowPlugins(ids: readonly string[], launchDir: string, warn: (line: string) => void): string[] {
  const names = ids.map((id) => id.replace(/@[^@/]*$/, '')).filter((name) => !BUILT_IN_NEXTFLOW.has(name));
  const unknown = names.filter((name) => !isPipePlugin(name, launchDir));
  if (unknown.length > 0)
    warn(
      `the workflow's configuration names Nextflow plugin${unknown.length === 1 ? '' : 's'} pipe does not have: ` +
        `${[...new Set(unknown)].join(', ')} (not loaded; pipe plugins: docs/plugins.md)`,
    );
  return [...new Set(names.filter((name) => !unknown.includes(name)))];
}

export async function startRunPlugins(
  cli: readonly string[] | undefined,
  layers: readonly ConfigLayer[],
  launchDir: string,
  write: (line: string) => void,
  fromWorkflow: readonly string[] = [],
  own?: PluginHooks, // hooks given in-process (pipe as a library), isolated like any plugin
): Promise<RunPlugins> {
  let say = write;
  const workflow = workflowPlugins(fromWorkflow, launchDir, (line) => say(`pipe: warning: ${line}`));
  const fromConfig = [...layers.flatMap((layer) => layer.plugins ?? []), ...workflow];
  const specs = pluginSpecs(cli, fromConfig);
  const active = specs.length === 0 ? [] : await loadPlugins(specs, launchDir, (line) => say(`pipe: ${line}`));
  if (own !== undefined) active.push({ name: 'hooks', hooks: own });
  let host: PluginHost | undefined;
  return {
    attach(bus, backend, viewWrite) {
      say = viewWrite;
      if (active.length === 0) return;
      host = createPluginHost(active, (line) => say(`pipe: warning: ${line}`), budget(process.env));
      host.attach(bus, backend);
    },
    close: async () => host?.close(),
  };
}
