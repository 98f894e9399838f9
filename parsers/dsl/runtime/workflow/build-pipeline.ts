// Builds the step graph of a DSL pipeline: config, params, the main script and its modules, the entry workflow.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathValue, show } from '../values/values.js';
import { createStepGraph, type WorkflowGraph } from '../../../../engine/graph.js';
import { EarlyExit, ParseError, UsageError } from '../../../../engine/errors.js';
import { closestMatch } from '../../../common/edit-distance.js';
import { stagingArea } from '../../../common/staging.js';
import type { ParseOptions } from '../../../options.js';
import { loadConfig } from '../config/config.js';
import { applyContainerOverrides, runContainers } from '../config/container-overrides.js';
import type { DslModule, DslRuntime } from '../eval/context.js';
import { evaluator } from '../eval/evaluator.js';
import { configBackend } from '../config/executor.js';
import { executorSettings } from '../config/executor-settings.js';
import { loadModule, type LoadedModule } from './module-loader.js';
import { paramsFromArgs, paramsFromFile, ParamsMap, splitArgs } from './params.js';
import type { Pipeline } from './pipeline.js';
import { createDslSession } from './session.js';
import { requestedHelp } from '../nf-schema/plugin.js';
import { processContainers } from './inspect-containers.js';
import { notificationSettings } from '../config/notification.js';
import { reportFiles } from '../config/report-files.js';
import { warnUnmatchedSelectors } from '../config/selector-check.js';
import { applyConfigMetadata, workflowMetadata } from './metadata.js';
import { runEntryWorkflow } from './call.js';
import type { ProcessDefinition, WorkflowDefinition } from '../../syntax/ast-script.js';
import { runProcessEntry } from './process-entry.js';
import { createTopics } from '../channels/topic.js';
import { libClasses } from './lib-classes.js';

// Parses and evaluates the pipeline in `file` into a workflow graph whose steps stream tasks as channels fill.
export function buildPipeline(file: string, opts: ParseOptions): WorkflowGraph {
  const projectDir = dirname(file);
  const launchDir = opts.launchDir ?? process.cwd();
  const params = new ParamsMap();
  // config.md: the project's nextflow.config, then the launch directory's (over it), then `-c` files; `-C` replaces
  // the first two
  const defaults = [...new Set([join(projectDir, 'nextflow.config'), join(launchDir, 'nextflow.config')])];
  const configFiles = [...(opts.configOnly ?? defaults), ...(opts.configFiles ?? [])];
  const workflowMeta = workflowMetadata({
    file,
    launchDir,
    profiles: opts.profiles ?? [],
    configFiles,
    stubRun: opts.stubRun === true,
    resume: opts.resume === true,
    commandLine: opts.commandLine ?? `pipe run ${[file, ...(opts.args ?? [])].join(' ')}`,
    runName: opts.runName,
  });
  const failed = new AbortController(); // aborted with the first failure found while the workflow runs
  const runtime: DslRuntime = {
    launchDir,
    projectDir,
    params,
    workflowMeta,
    scriptArgs: splitArgs(opts.args ?? []).positional,
    onComplete: [],
    console: opts.console ?? { out: () => undefined, log: () => undefined },
    onError: [],
    settings: new Map(),
    callPath: [],
    stats: { succeeded: 0, failed: 0, ignored: 0, cached: 0 },
    evaluator,
    topics: createTopics(),
    classes: libClasses(projectDir),
    staging: () => stagingArea(opts),
    fail(error) {
      pipeline.failure ??= error;
      failed.abort(pipeline.failure);
    },
  };
  const bare: DslModule = {
    file,
    dir: projectDir,
    callables: new Map(),
    functions: new Map(),
    types: new Map(),
    runtime,
  };
  const overrides = new Map<string, unknown>([
    ...(opts.paramsFile === undefined ? [] : paramsFromFile(opts.paramsFile)),
    ...paramsFromArgs(opts.args ?? []),
  ]);
  const config = loadConfig(configFiles, opts.profiles ?? [], bare, overrides, opts.configOverrides);
  applyContainerOverrides(config, opts.containers, bare);
  for (const [key, value] of config.settings) runtime.settings.set(key, value);
  applyConfigMetadata(workflowMeta, config.settings);
  const outputDir = outputDirOf(opts, runtime.settings, launchDir);
  workflowMeta.set('outputDir', pathValue(outputDir)); // `workflow.outputDir`, absolute as Nextflow's
  const pipeline: Pipeline = {
    graph: createStepGraph(),
    config,
    binDir: existsSync(join(projectDir, 'bin')) ? join(projectDir, 'bin') : undefined,
    stepCounts: new Map(),
    qualifiedCalls: new Map(),
    stubRun: opts.stubRun === true,
    containers: runContainers(config.settings),
  };
  const backend = opts.backend === undefined ? configBackend(config) : undefined;
  for (const [k, v] of config.params) params.fix(k, v);
  if (opts.paramsFile !== undefined) for (const [k, v] of paramsFromFile(opts.paramsFile)) params.fix(k, v);
  for (const [k, v] of paramsFromArgs(opts.args ?? [])) params.fixFromCommandLine(k, v);
  const help = requestedHelp(projectDir, config.settings, params);
  if (help !== undefined) {
    runtime.console.out(`${help}\n`);
    throw new EarlyExit('the pipeline printed its help');
  }
  const modules = new Map<string, LoadedModule>();
  const main: LoadedModule = loadModule(file, runtime, pipeline, modules);
  // a script made only of statements is its own (implicit) entry workflow: they ran as the module loaded
  const implicit = opts.entry === undefined && main.entry === undefined && main.definitions.size === 0;
  const entryProc = implicit ? undefined : entryProcess(main, opts.entry);
  if (entryProc !== undefined) runProcessEntry(entryProc, main.module);
  else if (!implicit)
    runEntryWorkflow(entryWorkflow(main, file, opts.entry), main.module, {
      block: main.output,
      dir: outputDir,
    });
  runtime.topics.seal();
  const names = [...modules.values()].flatMap((m) => [...m.definitions.keys(), ...m.module.callables.keys()]);
  warnUnmatchedSelectors(config.selectors, [...new Set(names)], runtime.console);
  // an entry workflow that runs no process is fine: it may only view or print channels
  // `backend` is checked (with the config's file:line:col) by configBackend; the executor scope adds options.
  const executor = executorSettings(config);
  return {
    file,
    format: 'dsl',
    graph: pipeline.graph,
    failed: failed.signal,
    session: createDslSession(pipeline, runtime, opts.outputFormat),
    ...executor,
    backend: backend ?? executor.backend,
    reports: reportFiles(config.settings, launchDir),
    plugins: config.settings.get('plugins') as string[] | undefined,
    notification: notificationSettings(config.settings),
    containers: ({ ignoreErrors, warn }) => processContainers([...modules.values()], pipeline, ignoreErrors, warn),
  };
}

// The process a run starts from: the one `-entry process:NAME` or `-entry NAME` names, or the only definition of a
// script with no entry workflow.
function entryProcess(main: LoadedModule, name: string | undefined): ProcessDefinition | undefined {
  if (name === undefined) {
    const [only] = main.definitions.values();
    return main.entry === undefined && main.definitions.size === 1 && only?.kind === 'process' ? only : undefined;
  }
  const named = main.definitions.get(name.replace(/^process:/, ''));
  return named?.kind === 'process' ? named : undefined;
}

// The workflow a run starts from: the unnamed one, or the one `-entry NAME` names.
function entryWorkflow(main: LoadedModule, file: string, name: string | undefined): WorkflowDefinition {
  if (name === undefined) {
    if (main.entry !== undefined) return main.entry;
    throw new ParseError(`\`${file}\` has no entry workflow`, {
      location: { file },
      hint: 'add an unnamed `workflow { … }` block that calls the processes',
    });
  }
  const named = main.definitions.get(name);
  if (named?.kind === 'workflow') return named;
  const workflows = [...main.definitions.values()].filter((d) => d.kind === 'workflow').map((d) => d.name ?? '');
  const near = closestMatch(name.replace(/^process:/, ''), [...main.definitions.keys()]);
  throw new UsageError(`\`-entry ${name}\` names no workflow of \`${file}\``, {
    hint: near !== undefined ? `did you mean \`${near}\`?` : `its named workflows: ${workflows.join(', ') || 'none'}`,
  });
}

// Where workflow outputs go: `-output-dir`, else the config's `outputDir`, else `results`, from the launch dir.
function outputDirOf(opts: ParseOptions, settings: ReadonlyMap<string, unknown>, launchDir: string): string {
  const configured = settings.get('outputDir');
  return resolve(launchDir, opts.outputDir ?? (configured === undefined ? 'results' : show(configured)));
}
