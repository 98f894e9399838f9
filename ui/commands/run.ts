// `pipe run`: parse the workflow, open the store, start the backend, show progress, run, and exit with the outcome.
import type { PluginHooks } from '../plugins/types.js';
import { startRunPlugins } from '../plugins/run-plugins.js';
import { availableParallelism, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createEventBus } from '../../engine/events.js';
import { orderSteps, type WorkflowGraph } from '../../engine/graph.js';
import { executeRun } from '../../engine/run.js';
import { createStagerRegistry } from '../../engine/staging/registry.js';
import { createStagingArea } from '../../engine/staging/staging-area.js';
import { openSqliteStore } from '../../engine/store/sqlite-store.js';
import { createBackend } from '../../backends/registry.js';
import { STDERR_CONSOLE } from '../cli/script-console.js';
import { stderrLine } from '../cli/stderr-line.js';
import { loadConfigLayers } from '../config/index.js';
import { writeDagFile } from '../dag/write-dag.js';
import { startDslRun, type DslRunOutput } from '../nextflow-log/dsl-run.js';
import { parseBackendOptions } from './backend-options.js';
import { checkNotify, notificationMail, runNotification, sendNotification } from './run-notify.js';
import { checkNoParallelSources, checkRunOptions } from './run-checks.js';
import { cwlInfo, cwlSettings, isCwl, type CwlRunOptions } from './cwl-run-options.js';
import { loadWorkflow } from './run-input.js';
import { openEventTap } from '../progress/event-tap.js';
import { createTransferTally } from '../progress/transfer-tally.js';
import { writeRunFiles, wantsMonitoring } from './run-files.js';
import { runReports } from './run-reports.js';
import { runSettings } from './run-settings.js';
import { attachView, type ViewOptions } from './run-view.js';

export interface RunOptions extends ViewOptions, CwlRunOptions {
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
  readonly agents?: string;
  readonly outdir?: string;
  readonly profile?: string;
  readonly config?: string[];
  readonly configOnly?: string[]; // `.nf` runs: -C, instead of nextflow.config
  readonly configOverrides?: string[]; // `.nf` runs: `process.debug=true` from `-process.debug`
  readonly paramsFile?: string;
  readonly stubRun?: boolean;
  readonly stub?: boolean;
  readonly withTrace?: string;
  readonly withMonitoring?: boolean;
  readonly plugin?: readonly string[];
  readonly hooks?: PluginHooks; // a library caller's own hooks (ui/library)
  readonly withReport?: string;
  readonly withDag?: string;
  readonly withTimeline?: string;
  readonly entry?: string;
  readonly preview?: boolean;
  readonly runName?: string;
  readonly outputDir?: string;
  readonly outputFormat?: string;
  readonly withDocker?: true | string;
  readonly withPodman?: true | string;
  readonly withoutDocker?: boolean;
  readonly withoutPodman?: boolean;
  readonly notify?: true | string;
  readonly dumpHashes?: true | string;
  readonly checksum?: boolean;
  readonly colsep?: string;
  readonly timeout?: string;
  readonly dryRun?: boolean;
  readonly joblog?: string;
}

// Runs the workflow in FILE from the current directory; resolves to the exit code.
export async function runCommand(
  file: string,
  args: readonly string[],
  raw: Record<string, unknown>,
  argv: readonly string[],
  knownOptions: readonly string[] = [],
): Promise<number> {
  const options = raw as unknown as RunOptions;
  checkNoParallelSources(file, args);
  checkRunOptions(options);
  if (options.notify !== undefined) checkNotify(options.notify);
  const launchDir = process.cwd();
  if (file !== '-' && (await isCwl(resolve(launchDir, file)))) {
    const info = await cwlInfo(file, args, options, launchDir);
    if (info !== undefined) return info;
    Object.assign(options, cwlSettings(options, launchDir));
  }
  const backendOpts = parseBackendOptions(options.backendOpt ?? []);
  if (options.agents !== undefined) {
    backendOpts.agents = options.agents;
    if (options.backend === undefined) Object.assign(options, { backend: 'pilot' });
  }
  const files = await loadConfigLayers(launchDir, process.env, resolve(launchDir, file === '-' ? '.' : file));
  const dsl = file.endsWith('.nf') ? startDslRun(file, resolve(file), launchDir, argv) : undefined;
  try {
    return await runParsed(file, args, options, argv, { launchDir, backendOpts, files, dsl, knownOptions });
  } catch (error) {
    dsl?.fail(error);
    throw error;
  } finally {
    dsl?.close();
  }
}

// Parses, sets up and runs the workflow; resolves to the exit code.
async function runParsed(
  file: string,
  args: readonly string[],
  options: RunOptions,
  argv: readonly string[],
  setup: {
    launchDir: string;
    backendOpts: ReturnType<typeof parseBackendOptions>;
    files: Awaited<ReturnType<typeof loadConfigLayers>>;
    dsl: DslRunOutput | undefined;
    knownOptions: readonly string[];
  },
): Promise<number> {
  const { launchDir, backendOpts, files, dsl } = setup;
  const stop = new AbortController();
  const kill = new AbortController();
  const bus = createEventBus();
  const transfers = createTransferTally();
  bus.subscribe((event) => {
    if (event.type === 'stage.progress') transfers.onEvent(event);
  });
  const staging = createStagingArea({
    dir: join(launchDir, '.pipe', 'staging'),
    registry: createStagerRegistry(),
    checksum: options.checksum === true,
    emit: (event) => bus.emit(event),
    signal: stop.signal,
  });
  const workflow = await loadWorkflow(file, args, options, {
    staging,
    launchDir,
    commandLine: ['pipe', ...argv].join(' '),
    backend: options.backend ?? files.find((layer) => layer.backend !== undefined)?.backend,
    knownOptions: setup.knownOptions,
    console: dsl?.console ?? STDERR_CONSOLE,
  });
  let settings;
  const reports = runReports(options, workflow);
  try {
    const monitoring = options.withMonitoring === true || wantsMonitoring(reports);
    settings = runSettings({ ...options, monitoring }, files, workflow, backendOpts, launchDir, process.env);
  } catch (error) {
    await workflow.session?.close();
    throw error;
  }
  if (reports.withDag !== undefined) writeDagFile(workflow.graph, reports.withDag, basename(workflow.file));
  if (options.preview === true) {
    await workflow.session?.close();
    process.stderr.write(previewText(workflow));
    return 0;
  }
  if (options.dryRun === true) return printCommands(workflow);
  const { stateDir } = settings;
  const plugins = await startRunPlugins(
    options.plugin,
    files,
    launchDir,
    stderrLine,
    workflow.plugins,
    options.hooks,
  ).catch(async (error: unknown) => {
    await workflow.session?.close();
    throw error;
  });
  const store = openSqliteStore(stateDir);
  const viewOptions = dsl?.agent === true ? { ...options, quiet: true } : options; // agent lines replace progress
  const view = await attachView(bus, viewOptions, workflow, stateDir, settings.backend);
  if (view.live === true) dsl?.showAbove(view.write);
  dsl?.follow(bus, { workRoot: settings.workRoot, profile: options.profile });
  plugins.attach(bus, settings.backend, view.write);
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals === 1) {
      view.write(`pipe: ${signal} received: stopping, cancelling running tasks (send it again to kill them at once)`);
      stop.abort();
    } else {
      view.write(`pipe: ${signal} received again: killing running tasks`);
      kill.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const backendConfig = {
    ...settings.backendOptions,
    ...(view.taskOutput === undefined ? {} : { stdout: view.taskOutput.fd, stderr: view.taskOutput.fd }),
  };
  const local = settings.backend === 'local' ? workflow.localLimits : undefined; // the workflow's executor scope
  const backend = await createBackend(
    settings.backend,
    {
      launchDir,
      jobs: settings.jobs ?? local?.jobs ?? availableParallelism(),
      notice: stderrLine,
      monitor: settings.monitoring === false ? undefined : settings.monitoring,
    },
    backendConfig,
  ).catch(async (error: unknown) => {
    await view.detach();
    await workflow.session?.close();
    throw error;
  });
  // A cluster backend keeps its queue size submitted by default, and its scheduler places cpus and memory.
  const jobs = settings.jobs ?? backend.queueSize ?? local?.jobs ?? availableParallelism();
  const limits =
    backend.queueSize === undefined
      ? {
          jobs,
          cpus: local?.cpus ?? Math.max(jobs, availableParallelism()),
          memoryBytes: local?.memoryBytes ?? totalmem(),
        }
      : { jobs, cpus: Number.POSITIVE_INFINITY, memoryBytes: Number.POSITIVE_INFINITY };
  const tap = openEventTap(bus, stateDir, (message) => view.write(`pipe: warning: ${message}`));
  try {
    const outcome = await executeRun({
      workflow,
      launchDir,
      stateDir,
      workRoot: settings.workRoot,
      store,
      backend,
      bus,
      limits,
      retries: settings.retries,
      retryDelayMs: settings.retryDelay,
      keepGoing: settings.keepGoing,
      resume: options.resume,
      monitor: settings.monitoring !== false,
      argv,
      stop: stop.signal,
      kill: kill.signal,
    });
    await view.detach();
    dsl?.showAbove(undefined);
    if (options.dumpHashes !== undefined) dsl?.dumpHashes(store, outcome.runId, options.dumpHashes === 'json');
    const notification = runNotification(options.notify, workflow.notification);
    if (notification !== undefined) {
      const elapsed = Date.now() - (store.getRun(outcome.runId)?.startedAt ?? Date.now());
      sendNotification(
        notification,
        (to) => notificationMail(to, notification.from, file, outcome, elapsed),
        (m) => stderrLine(`pipe: warning: ${m}`),
      );
    }
    await writeRunFiles(store, outcome.runId, reports, transfers.list(), () => backend.nodeSamples?.() ?? []);
    if (workflow.session === undefined) return outcome.exitCode;
    const result = await workflow.session.complete(outcome.status, settings.workRoot);
    if (result.stdout !== undefined) process.stdout.write(result.stdout);
    return result.exitCode ?? outcome.exitCode;
  } finally {
    await tap.close();
    await plugins.close();
    await workflow.session?.close();
    await view.detach();
    await backend.close();
    await staging.close();
    store.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// `-preview`: what the pipeline would run, once its script is evaluated, without running a task.
function previewText(workflow: WorkflowGraph): string {
  const steps = orderSteps(workflow.graph) ?? workflow.graph.nodes();
  const names = steps.map((id) => workflow.graph.getNodeAttributes(id).name);
  return `pipe: preview of ${basename(workflow.file)}: ${names.length} step${names.length === 1 ? '' : 's'}, no task run\n${names.map((n) => `  ${n}\n`).join('')}`;
}

// `--dry-run`: prints each task's command, as GNU parallel's --dry-run, running none.
async function printCommands(workflow: WorkflowGraph): Promise<number> {
  const signal = new AbortController().signal;
  for (const id of orderSteps(workflow.graph) ?? workflow.graph.nodes()) {
    for await (const task of workflow.graph.getNodeAttributes(id).source.tasks(signal)) {
      process.stdout.write(`${task.command}\n`);
    }
  }
  return 0;
}
