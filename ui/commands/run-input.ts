// The workflow of one `pipe run`: the file (`-`: a text task list read from stdin, as GNU parallel reads its
// arguments), checked against the options given for its format, then parsed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import type { WorkflowGraph } from '../../engine/graph.js';
import { parseDuration } from '../../engine/units.js';
import { detectFormat, parse } from '../../parsers/index.js';
import type { ParseOptions, ScriptConsole } from '../../parsers/options.js';
import { taskListSyntax } from '../../parsers/tasklist/parse-tasklist.js';
import { tmpdirPrefixOf } from './cwl-run-options.js';
import { checkApplicable } from './run-applicability.js';
import { isRemoteUri } from '../../engine/staging/uri.js';

export interface InputOptions {
  readonly template?: string | undefined;
  readonly capture?: boolean | undefined;
  readonly colsep?: string | undefined;
  readonly timeout?: string | undefined;
  readonly outdir?: string | undefined;
  readonly profile?: string | undefined;
  readonly config?: readonly string[] | undefined;
  readonly configOnly?: readonly string[] | undefined; // `.nf` runs: -C, instead of nextflow.config
  readonly configOverrides?: readonly string[] | undefined;
  readonly paramsFile?: string | undefined;
  readonly stubRun?: boolean | undefined;
  readonly stub?: boolean | undefined;
  readonly resume?: true | string | undefined; // a run to resume, or true for the latest
  readonly entry?: string | undefined;
  readonly runName?: string | undefined; // `-name`: the run's name, a DSL script's `workflow.runName`
  readonly outputDir?: string | undefined;
  readonly outputFormat?: string | undefined;
  readonly container?: boolean | undefined; // false with --no-container
  readonly tmpdirPrefix?: string | undefined;
  readonly withDocker?: true | string | undefined;
  readonly withPodman?: true | string | undefined;
  readonly withoutDocker?: boolean | undefined;
  readonly withoutPodman?: boolean | undefined;
}

// The container options of the command line: -with-podman wins over -with-docker when both are given.
function containerOverrides(options: InputOptions): ParseOptions['containers'] {
  const disable = [
    ...(options.withoutDocker === true ? (['docker'] as const) : []),
    ...(options.withoutPodman === true ? (['podman'] as const) : []),
  ];
  const [engine, image] =
    options.withPodman !== undefined
      ? (['podman', options.withPodman] as const)
      : options.withDocker !== undefined
        ? (['docker', options.withDocker] as const)
        : [undefined, undefined];
  if (engine === undefined && disable.length === 0) return undefined;
  return {
    enable: engine === undefined ? undefined : { engine, image: image === true || image === '-' ? undefined : image },
    disable,
  };
}

// The state directory a run will use (PIPE_STATE_DIR, else .pipe in the launch dir), for files made before it runs.
export function stateDirOf(launchDir: string, env: NodeJS.ProcessEnv): string {
  const dir = env.PIPE_STATE_DIR;
  return dir !== undefined && dir !== '' ? resolve(launchDir, dir) : join(launchDir, '.pipe');
}

// `pipe run -`: stdin saved as a text task list in the state dir, named by its content so that `--resume` of the
// same list finds the earlier run.
export async function stdinTaskList(stateDir: string): Promise<string> {
  if (process.stdin.isTTY === true) {
    throw new UsageError('`pipe run -` reads the task list from stdin, which is a terminal', {
      hint: 'pipe the list in, e.g. `ls *.gz | pipe run - --template "gzip -d {}"`',
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const data = Buffer.concat(chunks);
  const dir = join(stateDir, 'stdin');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(data).digest('hex').slice(0, 16)}.txt`);
  if (!existsSync(file)) writeFileSync(file, data);
  return file;
}

// GNU parallel's --timeout: seconds, or a duration such as 90s, 5m, 1h.
export function timeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value.trim().endsWith('%')) {
    throw new UsageError(`--timeout "${value}": a percentage of the median run time is not supported`, {
      hint: 'give seconds or a duration, e.g. --timeout 60 or --timeout 5m',
    });
  }
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) {
    throw new UsageError(`expected --timeout to be a positive number of seconds or a duration, got "${value}"`, {
      hint: 'e.g. --timeout 60, --timeout 5m',
    });
  }
  return ms;
}

// Resolves, checks and parses the workflow FILE of a run.
export async function loadWorkflow(
  file: string,
  args: readonly string[],
  options: InputOptions,
  context: {
    launchDir: string;
    backend: string | undefined;
    knownOptions: readonly string[];
    console: ScriptConsole;
    staging?: ParseOptions['staging'];
    commandLine?: string; // the command as typed, for a DSL's `workflow.commandLine`
  },
): Promise<WorkflowGraph> {
  const { launchDir } = context;
  const path = file === '-' ? await stdinTaskList(stateDirOf(launchDir, process.env)) : resolve(launchDir, file);
  const format = existsSync(path) || !path.includes('#') ? await detectFormat(path) : 'cwl';
  const text = format === 'tasklist' && taskListSyntax(path) === 'text';
  checkApplicable(options as Record<string, unknown>, format, text, args, context.knownOptions);
  return parse(path, {
    template: options.template,
    capture: options.capture === true,
    colsep: options.colsep,
    timeoutMs: timeoutMs(options.timeout),
    args,
    launchDir,
    outdir:
      options.outdir === undefined || isRemoteUri(options.outdir) ? options.outdir : resolve(launchDir, options.outdir),
    profiles: options.profile
      ?.split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    configFiles: options.config?.map((c) => resolve(launchDir, c)),
    configOnly: options.configOnly?.flatMap((c) => c.split(',')).map((c) => resolve(launchDir, c)),
    configOverrides: options.configOverrides,
    commandLine: context.commandLine,
    runName: options.runName,
    paramsFile: options.paramsFile === undefined ? undefined : resolve(launchDir, options.paramsFile),
    stubRun: options.stubRun === true || options.stub === true,
    resume: options.resume !== undefined,
    entry: options.entry,
    outputDir: options.outputDir === undefined ? undefined : resolve(launchDir, options.outputDir),
    outputFormat: options.outputFormat,
    containers: containerOverrides(options),
    noContainer: options.container === false,
    tmpdirPrefix: tmpdirPrefixOf(options, launchDir),
    backend: context.backend,
    console: context.console,
    staging: context.staging,
  });
}
