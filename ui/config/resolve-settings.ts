// Merges the sources of run settings in precedence order: the command line, pipe.yaml in the launch directory,
// the user's config.yaml, the workflow's own configuration (a DSL's executor settings), then built-in defaults.
import type { ConfigLayer } from './config-layer.js';

export interface RunSettings {
  readonly backend: string;
  readonly backendSource: string; // which layer chose it ("built-in default" when none did), for messages
  readonly backendOptions: Readonly<Record<string, unknown>>; // the chosen backend's options, merged
  readonly jobs?: number | undefined; // undefined: the backend's default
  readonly retries: number;
  readonly retryDelay: number;
  readonly keepGoing: boolean;
  readonly workDir: string;
  readonly monitoring: false | { readonly intervalMs: number }; // sample every task's resource use
}

// How often the node sampler reads /proc when monitoring is on and no interval is set.
export const DEFAULT_MONITOR_INTERVAL_MS = 1000;

export const RUN_DEFAULTS = {
  backend: 'local',
  retries: 0,
  retryDelay: 500,
  keepGoing: false,
  workDir: 'work',
} as const;

// The first value any layer sets for `key`, layers given most important first.
function first<K extends keyof ConfigLayer>(layers: readonly ConfigLayer[], key: K): ConfigLayer[K] | undefined {
  for (const layer of layers) if (layer[key] !== undefined) return layer[key];
  return undefined;
}

// Resolves the settings of one run from its layers, most important first; `backendOpts` (--backend-opt) apply to
// whichever backend is chosen and win over every layer.
export function resolveSettings(
  layers: readonly ConfigLayer[],
  backendOpts: Readonly<Record<string, unknown>> = {},
): RunSettings {
  const chooser = layers.find((layer) => layer.backend !== undefined);
  const backend = chooser?.backend ?? RUN_DEFAULTS.backend;
  const backendOptions: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) Object.assign(backendOptions, layer.backends?.[backend]);
  Object.assign(backendOptions, backendOpts);
  return {
    backend,
    backendSource: chooser?.source ?? 'built-in default',
    backendOptions,
    jobs: first(layers, 'jobs'),
    retries: first(layers, 'retries') ?? RUN_DEFAULTS.retries,
    retryDelay: first(layers, 'retryDelay') ?? RUN_DEFAULTS.retryDelay,
    keepGoing: first(layers, 'keepGoing') ?? RUN_DEFAULTS.keepGoing,
    workDir: first(layers, 'workDir') ?? RUN_DEFAULTS.workDir,
    monitoring: monitoringOf(first(layers, 'monitoring')),
  };
}

// The monitoring setting: off, or on with its interval.
function monitoringOf(value: ConfigLayer['monitoring']): RunSettings['monitoring'] {
  if (value === undefined || value === false) return false;
  return value === true ? { intervalMs: DEFAULT_MONITOR_INTERVAL_MS } : value;
}
