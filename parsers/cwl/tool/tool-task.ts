// A CommandLineTool with one job as a task for the engine: its identity, resources and hooks that stage
// inputs and write the script (stage), and decide success and collect outputs (finish).
// https://www.commonwl.org/v1.2/CommandLineTool.html
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Resources, TaskHooks } from '../../../engine/task.js';
import { shellQuote } from '../../../engine/workdir/shell-quote.js';
import type { ExpressionScope, ExpressionRequirements } from '../expressions/index.js';
import type { FormatOntology } from '../files/index.js';
import { isSubformat, loadFormatOntology, outputPlaces } from '../files/index.js';
import type { CommandLineTool, CwlRequirement, LoadListing } from '../model.js';
import { argumentWords, collectBindings } from './binding.js';
import type {
  ContainerEngine,
  ContainerImage,
  ContainerRun,
  ContainerScope,
  Mount,
  PathMapping,
} from './container/index.js';
import {
  CONTAINER_TMPDIR,
  containerImage,
  createPodman,
  mapFilePaths,
  renderContainerScript,
  symlinkMounts,
} from './container/index.js';
import { ToolError } from './errors.js';
import { exitStatus } from './exit-status.js';
import { toolIdentity } from './identity.js';
import { stageInitialWorkDir } from './initial-workdir.js';
import { collectOutputs } from './outputs.js';
import { prepareInputs } from './prepare-inputs.js';
import { checkSupported, findRequirement } from './requirements.js';
import type { ToolRuntime } from './resources.js';
import { cudaDevices, evaluateSizes, evaluateTimeLimit, toResources } from './resources.js';
import { renderToolScript } from './script.js';
import { stageInputs } from './stage-inputs.js';

export interface ToolContext extends ContainerScope {
  readonly evaluator: ExpressionScope;
  readonly cwlVersion?: string | undefined; // of the document the tool came from (default: the tool's own)
  readonly baseDir?: string | undefined; // what relative job locations are relative to (default: the cwd)
  // Whether input secondaryFiles are looked for on disk: true for the top-level process (default), false for
  // workflow steps, where cwltool trusts the secondaryFiles the File carries.
  readonly discoverSecondaryFiles?: boolean | undefined;
  // cwltool's --tmpdir-prefix: tools' tmp dirs are PREFIX + the work dir's name instead of the work dir's tmp/.
  readonly tmpdirPrefix?: string | undefined;
}

export interface ToolTask {
  readonly identity: string;
  readonly resources: Resources;
  readonly env: Record<string, string>;
  readonly hooks: TaskHooks;
  outputs(): Record<string, unknown>;
}

// Prepares a tool's task for one job: checks requirements, completes the inputs, evaluates resources.
export async function createToolTask(
  tool: CommandLineTool,
  job: Record<string, unknown>,
  context: ToolContext,
): Promise<ToolTask> {
  const ctx = withJobRequirements(context, job['cwl:requirements']);
  checkSupported(tool, ctx);
  const container = await containerImage(tool, ctx, defaultEngine);
  const find = (name: string) => findRequirement(tool, ctx, name)?.requirement;
  const cwlVersion = ctx.cwlVersion ?? tool.cwlVersion;
  const javascript = find('InlineJavascriptRequirement');
  const requirements: ExpressionRequirements = {
    javascript: javascript !== undefined,
    expressionLib: (javascript?.['expressionLib'] as string[] | undefined) ?? [],
    cwlVersion,
    location: tool.source,
  };
  const listingRequirement = find('LoadListingRequirement')?.['loadListing'] as LoadListing | undefined;
  const loadListing: LoadListing = listingRequirement ?? (cwlVersion === 'v1.0' ? 'deep_listing' : 'no_listing');
  const evaluateWith =
    (inputs: unknown, runtime: unknown) =>
    (text: unknown, self: unknown, stripWhitespace = true) =>
      ctx.evaluator.evaluate(
        text,
        { inputs, self, runtime },
        stripWhitespace ? requirements : { ...requirements, stripWhitespace: false },
      );
  const jobValues = Object.fromEntries(
    Object.entries(job).filter(([key, value]) => value !== undefined && key !== 'cwl:requirements'),
  );
  const ontology =
    tool.schemas === undefined || tool.schemas.length === 0 ? undefined : await formatOntology(tool.schemas);
  const inputs = await prepareInputs(tool, jobValues, {
    baseDir: ctx.baseDir ?? process.cwd(),
    loadListing,
    evaluate: evaluateWith(
      { ...Object.fromEntries(tool.inputs.map((input) => [input.id, input.default ?? null])), ...jobValues },
      {},
    ),
    isSubformat: ontology === undefined ? undefined : (actual, accepted) => isSubformat(ontology, actual, accepted),
    discoverSecondaryFiles: ctx.discoverSecondaryFiles,
  });
  const resourceRequirement = find('ResourceRequirement');
  const sizes = await evaluateSizes(resourceRequirement, cwlVersion, (text) => evaluateWith(inputs, {})(text, null));
  const timeLimitMs = await evaluateTimeLimit(find('ToolTimeLimit'), (text) => evaluateWith(inputs, sizes)(text, null));
  const reuse = find('WorkReuse')?.['enableReuse'];
  const enableReuse = (await evaluateWith(inputs, sizes)(reuse ?? true, null)) !== false;
  const image = container === undefined ? '' : ` image:${container.id}`;
  const identity = toolIdentity(tool, inputs) + image + (enableReuse ? '' : ` run:${randomUUID()}`);
  let outputs: Record<string, unknown> | undefined;

  const runtimeOf = (workDir: string, exitCode?: number): ToolRuntime => ({
    outdir: join(workDir, 'out'),
    tmpdir: ctx.tmpdirPrefix === undefined ? join(workDir, 'tmp') : `${ctx.tmpdirPrefix}${basename(workDir)}`,
    ...sizes,
    exitCode,
  });
  // The runtime as the tool sees it: in a container, its output and tmp dirs are the container's paths.
  const seenRuntime = (runtime: ToolRuntime): ToolRuntime =>
    container === undefined ? runtime : { ...runtime, outdir: container.outdir, tmpdir: CONTAINER_TMPDIR };
  const hooks: TaskHooks = {
    async stage(workDir) {
      const runtime = runtimeOf(workDir);
      mkdirSync(runtime.outdir, { recursive: true });
      mkdirSync(runtime.tmpdir, { recursive: true });
      let staged = await stageInputs(inputs, join(workDir, 'in'), ctx.baseDir ?? process.cwd());
      const initial = find('InitialWorkDirRequirement');
      const mounts: Mount[] = [];
      const mountRoot = join(workDir, 'mnt');
      if (initial !== undefined) {
        const evaluate = evaluateWith(staged, seenRuntime(runtime));
        staged = await stageInitialWorkDir(initial, staged, {
          outdir: runtime.outdir,
          baseDir: dirname(tool.source.file),
          inplaceUpdate: find('InplaceUpdateRequirement')?.['inplaceUpdate'] === true,
          evaluate: (text, keepWhitespace) => evaluate(text, null, keepWhitespace !== true),
          container:
            container === undefined
              ? undefined
              : { outdir: container.outdir, mountRoot, mount: (mount) => mounts.push(mount) },
        });
      }
      if (container === undefined) return renderScript(tool, staged, runtime, find, evaluateWith(staged, runtime));
      const toContainer: PathMapping[] = [
        { from: runtime.outdir, to: container.outdir },
        { from: runtime.tmpdir, to: CONTAINER_TMPDIR },
        { from: mountRoot, to: '/' },
      ];
      const seen = (await mapFilePaths(staged, toContainer)) as Record<string, unknown>;
      const evaluate = evaluateWith(seen, seenRuntime(runtime));
      const run = await containerRun(
        container,
        workDir,
        runtime,
        mounts,
        (await evaluate(find('NetworkAccess')?.['networkAccess'] ?? false, null)) === true,
      );
      return renderScript(tool, seen, runtime, find, evaluate, { run, hostEvaluate: evaluateWith(staged, runtime) });
    },
    async finish(end) {
      const status = exitStatus(tool, end.exitCode);
      if (!status.ok) return status;
      const runtime = runtimeOf(end.workDir, end.exitCode ?? undefined);
      try {
        const mayLinkTo = outputPlaces(
          end.workDir,
          { inputs, listing: find('InitialWorkDirRequirement')?.['listing'] },
          dirname(tool.source.file),
        );
        const hostPaths =
          container === undefined
            ? undefined
            : (written: unknown) => mapFilePaths(written, [{ from: container.outdir, to: runtime.outdir }]);
        outputs = await collectOutputs(tool, {
          outdir: runtime.outdir,
          loadListing,
          evaluate: evaluateWith(inputs, runtime),
          mayLinkTo,
          hostPaths,
        });
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
  return {
    identity,
    resources: { ...toResources(sizes, resourceRequirement, timeLimitMs), gpus: cudaDevices(find('CUDARequirement')) },
    env: {},
    hooks,
    outputs() {
      if (outputs === undefined)
        throw new ToolError(`The outputs of ${tool.id} are not collected yet`, {
          hint: 'call outputs() after finish() succeeded',
        });
      return outputs;
    },
  };
}

const ontologies = new Map<string, Promise<FormatOntology>>();

// The format ontology of a set of $schemas files, read once per process.
function formatOntology(paths: readonly string[]): Promise<FormatOntology> {
  const key = paths.join('\0');
  let loading = ontologies.get(key);
  if (loading === undefined) {
    loading = loadFormatOntology(paths);
    ontologies.set(key, loading);
  }
  return loading;
}

let podman: ContainerEngine | undefined;

// The container engine when the context names none: podman, created on first use.
function defaultEngine(): ContainerEngine {
  return (podman ??= createPodman());
}

// The container a tool runs in: output and tmp dirs read-write, staged inputs and what their symlinks lead to
// read-only at their host paths, absolute InitialWorkDir entries where they were named.
async function containerRun(
  container: ContainerImage,
  workDir: string,
  runtime: ToolRuntime,
  placed: readonly Mount[],
  network: boolean,
): Promise<ContainerRun> {
  const inputDir = join(workDir, 'in');
  const mounts: Mount[] = [
    { source: runtime.outdir, target: container.outdir, writable: true },
    { source: runtime.tmpdir, target: CONTAINER_TMPDIR, writable: true },
    ...(existsSync(inputDir) ? [{ source: inputDir, target: inputDir, writable: false }] : []),
    ...placed,
    ...(await symlinkMounts([inputDir, runtime.outdir])),
  ];
  return {
    command: container.engine.command,
    image: container.image,
    outdir: container.outdir,
    tmpdir: CONTAINER_TMPDIR,
    mounts,
    network,
  };
}

type Find = (name: string) => Record<string, unknown> | undefined;
type ToolEvaluate = (text: unknown, self: unknown) => Promise<unknown>;

interface InContainer {
  readonly run: ContainerRun;
  readonly hostEvaluate: ToolEvaluate; // with host paths: stdin is redirected on the host
}

// Builds the command line, environment and redirections, and renders the script (one that runs the tool in
// `container` when given; `inputs` then name container paths, `runtime` is the host's).
async function renderScript(
  tool: CommandLineTool,
  inputs: Record<string, unknown>,
  runtime: ToolRuntime,
  find: Find,
  evaluate: ToolEvaluate,
  container?: InContainer,
): Promise<string> {
  const shell = find('ShellCommandRequirement') !== undefined;
  const words: string[] = [];
  for (const bound of await collectBindings(tool, inputs, (text, self) => evaluate(text, self))) {
    const argument = await argumentWords(bound, (text, self) => evaluate(text, self));
    words.push(...(shell && bound.binding.shellQuote !== false ? argument.map(shellQuote) : argument));
  }
  if (words.length === 0)
    throw new ToolError(`${tool.id} has no command line: no baseCommand, arguments or bound inputs`, {
      location: tool.source,
    });
  const env: Record<string, string> = {};
  for (const [name, value] of envEntries(find('EnvVarRequirement'))) env[name] = String(await evaluate(value, null));
  const stdinInput = tool.inputs.find((input) => input.type === 'stdin');
  const stdinText = tool.stdin ?? (stdinInput === undefined ? undefined : `$(inputs['${stdinInput.id}'].path)`);
  const stdin =
    stdinText === undefined ? undefined : String(await (container?.hostEvaluate ?? evaluate)(stdinText, null));
  const stdout = await streamName(tool, 'stdout', evaluate);
  const stderr = await streamName(tool, 'stderr', evaluate);
  for (const name of [stdout, stderr])
    if (name !== undefined && name.includes('/')) await mkdir(dirname(join(runtime.outdir, name)), { recursive: true });
  const script = { words, shell, outdir: runtime.outdir, tmpdir: runtime.tmpdir, env, stdin, stdout, stderr };
  return container === undefined ? renderToolScript(script) : renderContainerScript(script, container.run);
}

// The file a standard stream goes to, relative to the output dir.
async function streamName(
  tool: CommandLineTool,
  stream: 'stdout' | 'stderr',
  evaluate: ToolEvaluate,
): Promise<string | undefined> {
  const written = tool[stream];
  if (written === undefined) return undefined;
  const name = String(await evaluate(written, null));
  if (name === '' || isAbsolute(name) || name.split('/').includes('..'))
    throw new ToolError(`${stream} must be a file name inside the output directory, got \`${name}\``, {
      location: tool.source,
    });
  return name;
}

// EnvVarRequirement's envDef as name/value pairs, written as a list or a map.
function envEntries(requirement: Record<string, unknown> | undefined): Array<readonly [string, unknown]> {
  const envDef = requirement?.['envDef'];
  if (Array.isArray(envDef))
    return envDef.map((entry: { envName: string; envValue: unknown }) => [entry.envName, entry.envValue] as const);
  if (typeof envDef === 'object' && envDef !== null) return Object.entries(envDef);
  return [];
}

// Requirements given in the job object (`cwl:requirements`) take precedence over every other.
function withJobRequirements(ctx: ToolContext, fromJob: unknown): ToolContext {
  if (!Array.isArray(fromJob) || fromJob.length === 0) return ctx;
  return { ...ctx, jobRequirements: fromJob as CwlRequirement[] };
}
