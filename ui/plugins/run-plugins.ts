// The plugins of one `pipe run`: named by --plugin and by the configuration files' `plugins:`, loaded before the
// run starts (so a missing plugin or bad options stop it at once), fed from the run's bus, drained at its end.
import type { EventBus } from '../../engine/events.js';
import type { ConfigLayer } from '../config/config-layer.js';
import { loadPlugins, pluginSpecs } from './load-plugins.js';
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

export async function startRunPlugins(
  cli: readonly string[] | undefined,
  layers: readonly ConfigLayer[],
  launchDir: string,
  write: (line: string) => void,
): Promise<RunPlugins> {
  let say = write;
  const fromConfig = layers.flatMap((layer) => layer.plugins ?? []);
  const specs = pluginSpecs(cli, fromConfig);
  const active = specs.length === 0 ? [] : await loadPlugins(specs, launchDir, (line) => say(`pipe: ${line}`));
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
