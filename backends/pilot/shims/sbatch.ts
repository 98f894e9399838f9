// `sbatch` read as Slurm reads it: options on the command line, then `#SBATCH` lines at the top of the script
// (the command line wins); https://slurm.schedmd.com/sbatch.html
import { basename, resolve } from 'node:path';
import { directiveWords, getopt, type ArgKind, type OptionSpec, type ParsedOption } from './getopt.js';
import { JobRequestError, parseArraySpec, type JobRequest } from './job-request.js';
import { parseSlurmMemory, parseSlurmTime, parseSignalSpec, positive } from './slurm-values.js';

// What the shims do with an option: act on it, accept it without effect (nothing to place on one machine's
// agents), or refuse it (the job would not behave as asked).
type Use = 'honoured' | 'tolerated' | 'unsupported';

// sbatch's options (`sbatch --help`, Slurm 22.05): [short, long, argument, use].
const OPTIONS: readonly (readonly [string | undefined, string, ArgKind, Use])[] = [
  ['a', 'array', 'required', 'honoured'],
  ['A', 'account', 'required', 'honoured'],
  ['c', 'cpus-per-task', 'required', 'honoured'],
  ['D', 'chdir', 'required', 'honoured'],
  ['e', 'error', 'required', 'honoured'],
  [undefined, 'export', 'optional', 'honoured'],
  ['J', 'job-name', 'required', 'honoured'],
  [undefined, 'mem', 'required', 'honoured'],
  [undefined, 'mem-per-cpu', 'required', 'honoured'],
  ['n', 'ntasks', 'required', 'honoured'],
  ['o', 'output', 'required', 'honoured'],
  ['p', 'partition', 'required', 'honoured'],
  [undefined, 'parsable', 'none', 'honoured'],
  [undefined, 'signal', 'required', 'honoured'],
  ['t', 'time', 'required', 'honoured'],
  [undefined, 'wrap', 'required', 'honoured'],
  ['Q', 'quiet', 'none', 'honoured'],
  [undefined, 'no-requeue', 'none', 'tolerated'],
  [undefined, 'requeue', 'none', 'tolerated'],
  ['N', 'nodes', 'required', 'tolerated'],
  [undefined, 'ntasks-per-node', 'required', 'tolerated'],
  ['q', 'qos', 'required', 'tolerated'],
  ['C', 'constraint', 'required', 'tolerated'],
  [undefined, 'comment', 'required', 'tolerated'],
  [undefined, 'mail-type', 'required', 'tolerated'],
  [undefined, 'mail-user', 'required', 'tolerated'],
  [undefined, 'exclusive', 'optional', 'tolerated'],
  ['s', 'oversubscribe', 'none', 'tolerated'],
  [undefined, 'nice', 'optional', 'tolerated'],
  [undefined, 'priority', 'required', 'tolerated'],
  [undefined, 'reservation', 'required', 'tolerated'],
  [undefined, 'tmp', 'required', 'tolerated'],
  [undefined, 'time-min', 'required', 'tolerated'],
  [undefined, 'gres', 'required', 'tolerated'],
  ['G', 'gpus', 'required', 'tolerated'],
  [undefined, 'gpus-per-task', 'required', 'tolerated'],
  [undefined, 'gpus-per-node', 'required', 'tolerated'],
  [undefined, 'cpus-per-gpu', 'required', 'tolerated'],
  [undefined, 'mem-per-gpu', 'required', 'tolerated'],
  ['w', 'nodelist', 'required', 'tolerated'],
  ['x', 'exclude', 'required', 'tolerated'],
  ['k', 'no-kill', 'optional', 'tolerated'],
  ['L', 'licenses', 'required', 'tolerated'],
  [undefined, 'wckey', 'required', 'tolerated'],
  [undefined, 'propagate', 'optional', 'tolerated'],
  [undefined, 'get-user-env', 'optional', 'tolerated'],
  [undefined, 'open-mode', 'required', 'tolerated'],
  ['v', 'verbose', 'none', 'tolerated'],
  [undefined, 'ignore-pbs', 'none', 'tolerated'],
  ['H', 'hold', 'none', 'unsupported'],
  ['W', 'wait', 'none', 'unsupported'],
  ['d', 'dependency', 'required', 'unsupported'],
  ['b', 'begin', 'required', 'unsupported'],
  ['i', 'input', 'required', 'unsupported'],
  ['M', 'clusters', 'required', 'unsupported'],
  [undefined, 'test-only', 'none', 'unsupported'],
];

const SPECS: readonly OptionSpec[] = OPTIONS.map(([short, long, arg]) => ({ short, long, arg, key: long }));
const USE = new Map(OPTIONS.map(([, long, , use]) => [long, use]));

export interface SbatchInput {
  readonly args: readonly string[];
  readonly cwd: string; // the submitter's working directory
  readonly readFile: (path: string) => string; // reads the script
  readonly stdin?: string | undefined; // the script, when no file is named
}

// What sbatch would need: the script to read, unless it comes from stdin or --wrap.
export function sbatchScriptPath(args: readonly string[]): { path?: string; wrap: boolean } | { error: string } {
  const parsed = getopt(args, SPECS);
  if (!parsed.ok) return { error: parsed.message };
  const wrap = parsed.options.some((o) => o.key === 'wrap');
  return { path: wrap ? undefined : parsed.rest[0], wrap };
}

// Reads a submission into a job request; throws JobRequestError with sbatch's kind of message.
export function parseSbatch(input: SbatchInput): JobRequest {
  const parsed = getopt(input.args, SPECS);
  if (!parsed.ok) throw new JobRequestError(`sbatch: ${parsed.message}`);
  const wrap = parsed.options.find((o) => o.key === 'wrap')?.value;
  let script: string;
  let scriptPath: string | undefined;
  let scriptArgs: string[];
  if (wrap !== undefined) {
    script = `#!/bin/sh\n# This script was created by sbatch --wrap.\n\n${wrap}\n`;
    scriptArgs = [];
  } else if (parsed.rest.length > 0) {
    scriptPath = resolve(input.cwd, parsed.rest[0]!);
    try {
      script = input.readFile(scriptPath);
    } catch (error) {
      throw new JobRequestError(`sbatch: error: Unable to open file ${parsed.rest[0]}: ${(error as Error).message}`);
    }
    scriptArgs = parsed.rest.slice(1);
  } else {
    script = input.stdin ?? '';
    scriptArgs = [];
  }
  if (!script.startsWith('#!'))
    throw new JobRequestError(
      'sbatch: error: This does not look like a batch script.  The first line must start with #! followed by the path to an interpreter.',
    );
  const header = directiveWords(script, '#SBATCH');
  const fromScript = getopt(header.words, SPECS);
  if (!fromScript.ok) throw new JobRequestError(`sbatch: error: ${fromScript.message} in a #SBATCH line`);
  // Directives first, the command line after them: a later value wins.
  const options = [...fromScript.options, ...parsed.options];
  return requestOf(options, input.cwd, script, scriptPath, scriptArgs);
}

// The last value given for `key`, if any.
function last(options: readonly ParsedOption[], key: string): string | undefined {
  let value: string | undefined;
  for (const o of options) if (o.key === key) value = o.value ?? '';
  return value;
}

// Builds the request from the options in effect.
function requestOf(
  options: readonly ParsedOption[],
  cwd: string,
  script: string,
  scriptPath: string | undefined,
  scriptArgs: string[],
): JobRequest {
  for (const o of options) {
    if (USE.get(o.key) === 'unsupported')
      throw new JobRequestError(`sbatch: error: ${o.word}: not supported by pipe's Slurm commands`);
  }
  const name = last(options, 'job-name') ?? (scriptPath === undefined ? 'wrap' : basename(scriptPath));
  const cpusPerTask = positive(last(options, 'cpus-per-task'), '--cpus-per-task') ?? 1;
  const ntasks = positive(last(options, 'ntasks'), '--ntasks') ?? 1;
  const cpus = cpusPerTask * ntasks;
  const mem = last(options, 'mem');
  const memPerCpu = last(options, 'mem-per-cpu');
  const memoryBytes =
    mem !== undefined
      ? parseSlurmMemory(mem, '--mem')
      : memPerCpu !== undefined
        ? (parseSlurmMemory(memPerCpu, '--mem-per-cpu') ?? 0) * cpus
        : undefined;
  const time = last(options, 'time');
  const signal = last(options, 'signal');
  const arraySpec = last(options, 'array');
  const exported = exportOf(last(options, 'export'));
  return {
    flavour: 'slurm',
    name,
    script,
    scriptPath,
    scriptArgs,
    workDir: resolve(cwd, last(options, 'chdir') ?? '.'),
    output: last(options, 'output'),
    error: last(options, 'error'),
    cpus,
    memoryBytes: memoryBytes === 0 ? undefined : memoryBytes,
    timeLimitMs: time === undefined ? undefined : parseSlurmTime(time, '--time'),
    warning: signal === undefined ? undefined : parseSignalSpec(signal),
    array: arraySpec === undefined ? undefined : parseArraySpec(arraySpec, 'sbatch: error: --array'),
    queue: last(options, 'partition'),
    account: last(options, 'account'),
    exportEnv: exported.exportEnv,
    extraEnv: exported.extraEnv,
    print: options.some((o) => o.key === 'parsable') ? 'id' : 'default',
    ignored: options.filter((o) => USE.get(o.key) === 'tolerated').map((o) => o.word),
  };
}

// --export: ALL (the default), NONE, or a list of NAME and NAME=value, with ALL or NONE among them.
function exportOf(value: string | undefined): Pick<JobRequest, 'exportEnv' | 'extraEnv'> {
  if (value === undefined || value === '' || value.toUpperCase() === 'ALL') return { exportEnv: 'all', extraEnv: {} };
  const names: string[] = [];
  const extraEnv: Record<string, string> = {};
  let base: 'all' | 'none' | undefined;
  for (const item of value.split(',')) {
    if (item.toUpperCase() === 'ALL') base = 'all';
    else if (item.toUpperCase() === 'NONE') base = 'none';
    else if (item.includes('=')) extraEnv[item.slice(0, item.indexOf('='))] = item.slice(item.indexOf('=') + 1);
    else names.push(item);
  }
  return { exportEnv: base === 'all' ? 'all' : names.length > 0 ? names : 'none', extraEnv };
}
