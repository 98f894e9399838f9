// What a pipeline's configuration tells the grid backends: the executor it names (`process.executor`,
// `executor.name`), the `executor { }` scope's settings as backend options, and each task's `queue` and
// `clusterOptions` directives. https://www.nextflow.io/docs/latest/reference/config.html#executor
import type { ExecutorLimits } from '../../../../engine/graph.js';
import type { SourceLocation } from '../../../../engine/errors.js';
import type { SchedulerOptions } from '../../../../engine/task.js';
import { ConfigError } from '../../../../engine/errors.js';
import { parseDuration } from '../../../../engine/units.js';
import type { DslConfig } from './config.js';
import { evaluateDirective } from '../process/directives.js';
import { memoryBytes } from '../process/settings.js';
import { childScope } from '../eval/scope.js';
import { show } from '../values/values.js';

// Nextflow executor names → pipe backends, with the options the name implies.
const EXECUTORS: Readonly<
  Record<string, { readonly backend: string; readonly options?: Readonly<Record<string, unknown>> }>
> = {
  local: { backend: 'local' },
  slurm: { backend: 'slurm' },
  pbs: { backend: 'pbs', options: { flavor: 'torque' } },
  pbspro: { backend: 'pbs', options: { flavor: 'pbspro' } },
};

const GRID_BACKENDS = ['slurm', 'pbs'] as const;

// `executor` scope settings → grid backend options, each with how its value converts.
const SETTINGS: Readonly<
  Record<string, { readonly option: string; readonly convert: (value: unknown, key: string) => number }>
> = {
  queueSize: { option: 'queueSize', convert: (v, k) => whole(v, k) },
  submitRateLimit: { option: 'submitRateLimit', convert: (v, k) => perSecond(v, k) },
  pollInterval: { option: 'pollIntervalMs', convert: (v, k) => duration(v, k) },
  queueStatInterval: { option: 'pollIntervalMs', convert: (v, k) => duration(v, k) },
  exitReadTimeout: { option: 'exitGraceMs', convert: (v, k) => duration(v, k) },
};

// A ConfigError for a setting whose value does not convert.
function badSetting(key: string, value: unknown, expected: string): ConfigError {
  return new ConfigError(`\`${key}\` in the pipeline's configuration: expected ${expected}, got \`${show(value)}\``, {
    hint: 'see docs/backends.md for the executor settings pipe maps to backend options',
  });
}

// Where the config files last set `key` (the value in force), if they did (not a `-executor.NAME` on the command line).
function settingLocation(config: DslConfig, key: string): SourceLocation | undefined {
  const entry = [...config.trail].reverse().find((e) => e.path.join('.') === key);
  if (entry === undefined || entry.commandLine) return undefined;
  return { file: entry.ctx.module.file, line: entry.value.pos.line, column: entry.value.pos.column };
}

// `convert(value, key)`, its error given the place the config files set `key`.
function converted<T>(config: DslConfig, key: string, value: unknown, convert: (v: unknown, k: string) => T): T {
  try {
    return convert(value, key);
  } catch (error) {
    if (!(error instanceof ConfigError) || error.location !== undefined) throw error;
    throw new ConfigError(error.message, { hint: error.hint, location: settingLocation(config, key) });
  }
}

// A positive whole number.
function whole(value: unknown, key: string): number {
  const n = typeof value === 'number' ? value : Number(show(value));
  if (!Number.isInteger(n) || n < 1) throw badSetting(key, value, 'a positive whole number');
  return n;
}

// Milliseconds of a duration such as '5 sec' or '1min'.
function duration(value: unknown, key: string): number {
  const ms = parseDuration(typeof value === 'number' ? value / 1000 : show(value));
  if (ms === undefined || ms <= 0) throw badSetting(key, value, "a duration such as '30 sec'");
  return ms;
}

// Submissions per second of a rate such as '10/1s', '50/2min', '10 sec' (= 10 per second) or '1/5s'.
function perSecond(value: unknown, key: string): number {
  const match = /^\s*(\d+)\s*(?:\/\s*)?(.*)$/.exec(show(value));
  const count = Number(match?.[1]);
  const unit = match?.[2]?.trim() ?? '';
  const per = unit === '' ? 1000 : parseDuration(/^\d/.test(unit) ? unit : `1${unit}`);
  if (match === null || count < 1 || per === undefined || per <= 0)
    throw badSetting(key, value, "a rate such as '10/1s' or '50/2min'");
  return (count * 1000) / per;
}

// What the local executor may run at once (`executor.cpus`, `executor.memory`, `executor.queueSize`, or the same
// under `executor.$local`): unset ones are left to pipe's defaults (this machine's cores and memory).
function localLimits(config: DslConfig): ExecutorLimits | undefined {
  const setting = (name: string): unknown =>
    config.settings.get(`executor.$local.${name}`) ?? config.settings.get(`executor.${name}`);
  const limits: { cpus?: number; memoryBytes?: number; jobs?: number } = {};
  const key = (name: string): string =>
    config.settings.has(`executor.$local.${name}`) ? `executor.$local.${name}` : `executor.${name}`;
  const cpus = setting('cpus');
  if (cpus !== undefined && cpus !== null && Number(show(cpus)) !== 0)
    limits.cpus = converted(config, key('cpus'), cpus, whole);
  const memory = setting('memory');
  if (memory !== undefined && memory !== null) {
    limits.memoryBytes = converted(config, key('memory'), memory, (value, name) => {
      const bytes = memoryBytes(value);
      if (bytes === undefined || bytes <= 0) throw badSetting(name, value, "a memory size such as '8 GB'");
      return bytes;
    });
  }
  const queueSize = setting('queueSize');
  if (queueSize !== undefined && queueSize !== null)
    limits.jobs = converted(config, key('queueSize'), queueSize, whole);
  return Object.keys(limits).length === 0 ? undefined : limits;
}

// The backend the configuration names, grid backend options from its `executor` scope by backend name, and the
// limits of the local executor.
export function executorSettings(config: DslConfig): {
  backend?: string;
  backendOptions?: Record<string, Record<string, unknown>>;
  localLimits?: ExecutorLimits;
} {
  const options: Record<string, Record<string, unknown>> = {};
  const put = (backend: string, option: string, value: unknown): void => {
    options[backend] = { ...options[backend], [option]: value };
  };
  let named: unknown = config.settings.get('executor.name');
  const fromProcess = config.processDefaults.get('executor');
  if (fromProcess !== undefined) named = evaluateDirective(fromProcess, childScope(undefined)).positional[0] ?? named;
  let backend: string | undefined;
  if (typeof named === 'string' && named !== '') {
    const known = EXECUTORS[named];
    backend = known?.backend ?? named; // an executor pipe does not have is named as such when the backend is made
    for (const [option, value] of Object.entries(known?.options ?? {})) put(known!.backend, option, value);
  }
  for (const [path, value] of config.settings) {
    const match = /^executor\.(?:\$(\w+)\.)?(\w+)$/.exec(path);
    const setting = SETTINGS[match?.[2] ?? ''];
    if (match === null || setting === undefined) continue;
    const scoped = match[1] === undefined ? undefined : EXECUTORS[match[1]]?.backend;
    if (match[1] !== undefined && scoped === undefined) continue; // another executor's settings
    const option = converted(config, path, value, setting.convert);
    for (const target of scoped === undefined ? GRID_BACKENDS : [scoped])
      if (target !== 'local') put(target, setting.option, option);
  }
  return {
    backend,
    backendOptions: Object.keys(options).length === 0 ? undefined : options,
    localLimits: localLimits(config),
  };
}

// A task's scheduler options from its `queue` and `clusterOptions` directives (a string is one directive line, as
// Nextflow writes it; a list gives one line per item).
export function schedulerDirectives(queue: unknown, clusterOptions: unknown): SchedulerOptions | undefined {
  const lines =
    clusterOptions === undefined || clusterOptions === null
      ? []
      : Array.isArray(clusterOptions)
        ? clusterOptions.map(show)
        : [show(clusterOptions)];
  const extra = lines.map((line) => line.trim()).filter((line) => line !== '');
  const name = queue === undefined || queue === null ? '' : show(queue).trim();
  if (name === '' && extra.length === 0) return undefined;
  return { queue: name === '' ? undefined : name, clusterOptions: extra.length === 0 ? undefined : extra };
}
