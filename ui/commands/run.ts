// `pipe run`: parse the workflow, open the store, start the backend, show progress, run, and exit with the outcome.
import { availableParallelism, totalmem } from 'node:os';
import { resolve, join } from 'node:path';
import { ConfigError, UsageError } from '../../engine/errors.js';
import { createEventBus } from '../../engine/events.js';
import { executeRun } from '../../engine/run.js';
import { openSqliteStore } from '../../engine/store/sqlite-store.js';
import { BACKEND_NAMES, createBackend, isBackendName } from '../../backends/registry.js';
import { parse } from '../../parsers/index.js';
import { attachPlainPrinter } from '../progress/plain.js';
import { attachJsonLines } from '../progress/json-lines.js';
import { loadConfigLayers, resolveSettings, type ConfigLayer } from '../config/index.js';
import { parseBackendOptions } from './backend-options.js';

export interface RunOptions {
  readonly resume?: true | string;
  readonly jobs?: number;
  readonly retries?: number;
  readonly retryDelay?: number;
  readonly keepGoing?: boolean;
  readonly template?: string;
  readonly capture?: boolean;
  readonly workDir?: string;
  readonly backend?: string;
  readonly backendOpt?: readonly string[];
  readonly quiet?: boolean;
  readonly logFormat: 'plain' | 'json';
  readonly progressInterval: number;
  readonly outdir?: string;
  readonly profile?: string;
  readonly config?: string[];
  readonly paramsFile?: string;
}

// Runs the workflow in FILE from the current directory; resolves to the exit code.
export async function runCommand(file: string, args: readonly string[], raw: Record<string, unknown>, argv: readonly string[]): Promise<number> {
  const options = raw as unknown as RunOptions;
  if (!Number.isFinite(options.progressInterval) || options.progressInterval <= 0) {
    throw new UsageError(`expected --progress-interval to be a positive number of seconds, got "${String(raw.progressInterval)}"`);
  }
  const launchDir = process.cwd();
  const backendOpts = parseBackendOptions(options.backendOpt ?? []);
  const files = await loadConfigLayers(launchDir, process.env, resolve(file));
  const workflow = await parse(resolve(file), {
    template: options.template,
    capture: options.capture === true,
    args,
    launchDir,
    outdir: options.outdir === undefined ? undefined : resolve(launchDir, options.outdir),
    profiles: options.profile?.split(',').map((p) => p.trim()).filter((p) => p !== ''),
    configFiles: options.config?.map((c) => resolve(launchDir, c)),
    paramsFile: options.paramsFile === undefined ? undefined : resolve(launchDir, options.paramsFile),
  });
  const cli: ConfigLayer = {
    source: 'the command line',
    backend: options.backend,
    jobs: options.jobs,
    retries: options.retries,
    retryDelay: options.retryDelay,
    keepGoing: options.keepGoing === true ? true : undefined,
    workDir: options.workDir,
  };
  const own: ConfigLayer = { source: "the workflow's configuration", backend: workflow.backend, backends: workflow.backendOptions };
  const settings = resolveSettings([cli, ...files, own], backendOpts);
  if (!isBackendName(settings.backend)) {
    await workflow.session?.close();
    throw new ConfigError(`unknown backend \`${settings.backend}\` (named by ${settings.backendSource})`, {
      hint: `pipe runs tasks on: ${BACKEND_NAMES.join(', ')}; choose one with --backend or \`backend:\` in pipe.yaml`,
    });
  }
  const stateDir = join(launchDir, '.pipe');
  const store = openSqliteStore(stateDir);
  const stop = new AbortController();
  const kill = new AbortController();
  const bus = createEventBus();
  const write = (line: string): void => void process.stderr.write(`${line}\n`);
  const detach =
    options.logFormat === 'json'
      ? attachJsonLines(bus, write)
      : attachPlainPrinter(bus, { write, intervalMs: options.progressInterval * 1000, quiet: options.quiet === true });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals === 1) {
      write(`pipe: ${signal} received: stopping, cancelling running tasks (send it again to kill them at once)`);
      stop.abort();
    } else {
      write(`pipe: ${signal} received again: killing running tasks`);
      kill.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const backend = await createBackend(settings.backend, { launchDir, jobs: settings.jobs ?? availableParallelism() }, settings.backendOptions).catch(async (error: unknown) => {
    await workflow.session?.close();
    throw error;
  });
  // A cluster backend keeps its queue size submitted by default, and its scheduler places cpus and memory.
  const jobs = settings.jobs ?? backend.queueSize ?? availableParallelism();
  const limits =
    backend.queueSize === undefined
      ? { jobs, cpus: Math.max(jobs, availableParallelism()), memoryBytes: totalmem() }
      : { jobs, cpus: Number.POSITIVE_INFINITY, memoryBytes: Number.POSITIVE_INFINITY };
  try {
    const outcome = await executeRun({
      workflow,
      launchDir,
      stateDir,
      workRoot: resolve(launchDir, settings.workDir),
      store,
      backend,
      bus,
      limits,
      retries: settings.retries,
      retryDelayMs: settings.retryDelay,
      keepGoing: settings.keepGoing,
      resume: options.resume,
      argv,
      stop: stop.signal,
      kill: kill.signal,
    });
    if (workflow.session === undefined) return outcome.exitCode;
    const result = await workflow.session.complete(outcome.status);
    if (result.stdout !== undefined) process.stdout.write(result.stdout);
    return result.exitCode ?? outcome.exitCode;
  } finally {
    await workflow.session?.close();
    detach();
    await backend.close();
    store.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
