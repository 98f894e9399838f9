// `sbatch` read as Slurm reads it: options on the command line, then `#SBATCH` lines at the top of the script
// (the command line wins); https://slurm.schedmd.com/sbatch.html
import { basename, resolve } from 'node:path';
import { getopt, type ParsedOption } from './getopt.js';
import { JobRequestError, parseArraySpec, type JobRequest } from './job-request.js';
import { parseSlurmMemory, parseSlurmTime, parseSignalSpec, positive } from './slurm-values.js';
import { lastValue, optionsInEffect, optionTable, refuseUnsupported, toleratedWords } from './submit-options.js';

// sbatch's options (`sbatch --help`, Slurm 22.05).
const TABLE = optionTable([
  { short: 'a', long: 'array', arg: 'required', use: 'honoured' },
  { short: 'A', long: 'account', arg: 'required', use: 'honoured' },
  { short: 'c', long: 'cpus-per-task', arg: 'required', use: 'honoured' },
  { short: 'D', long: 'chdir', arg: 'required', use: 'honoured' },
  { short: 'e', long: 'error', arg: 'required', use: 'honoured' },
  { long: 'export', arg: 'optional', use: 'honoured' },
  { short: 'J', long: 'job-name', arg: 'required', use: 'honoured' },
  { long: 'mem', arg: 'required', use: 'honoured' },
  { long: 'mem-per-cpu', arg: 'required', use: 'honoured' },
  { short: 'n', long: 'ntasks', arg: 'required', use: 'honoured' },
  { short: 'o', long: 'output', arg: 'required', use: 'honoured' },
  { short: 'p', long: 'partition', arg: 'required', use: 'honoured' },
  { long: 'parsable', arg: 'none', use: 'honoured' },
  { long: 'signal', arg: 'required', use: 'honoured' },
  { short: 't', long: 'time', arg: 'required', use: 'honoured' },
  { long: 'wrap', arg: 'required', use: 'honoured' },
  { short: 'Q', long: 'quiet', arg: 'none', use: 'honoured' },
  { long: 'no-requeue', arg: 'none', use: 'tolerated' },
  { long: 'requeue', arg: 'none', use: 'tolerated' },
  { short: 'N', long: 'nodes', arg: 'required', use: 'tolerated' },
  { long: 'ntasks-per-node', arg: 'required', use: 'tolerated' },
  { short: 'q', long: 'qos', arg: 'required', use: 'tolerated' },
  { short: 'C', long: 'constraint', arg: 'required', use: 'tolerated' },
  { long: 'comment', arg: 'required', use: 'tolerated' },
  { long: 'mail-type', arg: 'required', use: 'tolerated' },
  { long: 'mail-user', arg: 'required', use: 'tolerated' },
  { long: 'exclusive', arg: 'optional', use: 'tolerated' },
  { short: 's', long: 'oversubscribe', arg: 'none', use: 'tolerated' },
  { long: 'nice', arg: 'optional', use: 'tolerated' },
  { long: 'priority', arg: 'required', use: 'tolerated' },
  { long: 'reservation', arg: 'required', use: 'tolerated' },
  { long: 'tmp', arg: 'required', use: 'tolerated' },
  { long: 'time-min', arg: 'required', use: 'tolerated' },
  { long: 'gres', arg: 'required', use: 'tolerated' },
  { short: 'G', long: 'gpus', arg: 'required', use: 'tolerated' },
  { long: 'gpus-per-task', arg: 'required', use: 'tolerated' },
  { long: 'gpus-per-node', arg: 'required', use: 'tolerated' },
  { long: 'cpus-per-gpu', arg: 'required', use: 'tolerated' },
  { long: 'mem-per-gpu', arg: 'required', use: 'tolerated' },
  { short: 'w', long: 'nodelist', arg: 'required', use: 'tolerated' },
  { short: 'x', long: 'exclude', arg: 'required', use: 'tolerated' },
  { short: 'k', long: 'no-kill', arg: 'optional', use: 'tolerated' },
  { short: 'L', long: 'licenses', arg: 'required', use: 'tolerated' },
  { long: 'wckey', arg: 'required', use: 'tolerated' },
  { long: 'propagate', arg: 'optional', use: 'tolerated' },
  { long: 'get-user-env', arg: 'optional', use: 'tolerated' },
  { long: 'open-mode', arg: 'required', use: 'tolerated' },
  { short: 'v', long: 'verbose', arg: 'none', use: 'tolerated' },
  { long: 'ignore-pbs', arg: 'none', use: 'tolerated' },
  { short: 'H', long: 'hold', arg: 'none', use: 'unsupported' },
  { short: 'W', long: 'wait', arg: 'none', use: 'unsupported' },
  { short: 'd', long: 'dependency', arg: 'required', use: 'unsupported' },
  { short: 'b', long: 'begin', arg: 'required', use: 'unsupported' },
  { short: 'i', long: 'input', arg: 'required', use: 'unsupported' },
  { short: 'M', long: 'clusters', arg: 'required', use: 'unsupported' },
  { long: 'test-only', arg: 'none', use: 'unsupported' },
]);

export interface SbatchInput {
  readonly args: readonly string[];
  readonly cwd: string; // the submitter's working directory
  readonly readFile: (path: string) => string; // reads the script
  readonly stdin?: string | undefined; // the script, when no file is named
}

// What sbatch would need: the script to read, unless it comes from stdin or --wrap.
export function sbatchScriptPath(args: readonly string[]): { path?: string; wrap: boolean } | { error: string } {
  const parsed = getopt(args, TABLE.specs);
  if (!parsed.ok) return { error: parsed.message };
  const wrap = parsed.options.some((o) => o.key === 'wrap');
  return { path: wrap ? undefined : parsed.rest[0], wrap };
}

// Reads a submission into a job request; throws JobRequestError with sbatch's kind of message.
export function parseSbatch(input: SbatchInput): JobRequest {
  const parsed = getopt(input.args, TABLE.specs);
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
  // Directives first, the command line after them: a later value wins.
  const options = optionsInEffect(TABLE, parsed.options, script, '#SBATCH', (message) => `sbatch: error: ${message}`);
  return requestOf(options, input.cwd, script, scriptPath, scriptArgs);
}

// Builds the request from the options in effect.
function requestOf(
  options: readonly ParsedOption[],
  cwd: string,
  script: string,
  scriptPath: string | undefined,
  scriptArgs: string[],
): JobRequest {
  refuseUnsupported(TABLE, options, (word) => `sbatch: error: ${word}: not supported by pipe's Slurm commands`);
  const last = (key: string): string | undefined => lastValue(options, key);
  const name = last('job-name') ?? (scriptPath === undefined ? 'wrap' : basename(scriptPath));
  const cpusPerTask = positive(last('cpus-per-task'), '--cpus-per-task') ?? 1;
  const ntasks = positive(last('ntasks'), '--ntasks') ?? 1;
  const cpus = cpusPerTask * ntasks;
  const mem = last('mem');
  const memPerCpu = last('mem-per-cpu');
  const memoryBytes =
    mem !== undefined
      ? parseSlurmMemory(mem, '--mem')
      : memPerCpu !== undefined
        ? (parseSlurmMemory(memPerCpu, '--mem-per-cpu') ?? 0) * cpus
        : undefined;
  const time = last('time');
  const signal = last('signal');
  const arraySpec = last('array');
  const exported = exportOf(last('export'));
  return {
    flavour: 'slurm',
    name,
    script,
    scriptPath,
    scriptArgs,
    workDir: resolve(cwd, last('chdir') ?? '.'),
    output: last('output'),
    error: last('error'),
    cpus,
    memoryBytes: memoryBytes === 0 ? undefined : memoryBytes,
    timeLimitMs: time === undefined ? undefined : parseSlurmTime(time, '--time'),
    warning: signal === undefined ? undefined : parseSignalSpec(signal),
    array: arraySpec === undefined ? undefined : parseArraySpec(arraySpec, 'sbatch: error: --array'),
    queue: last('partition'),
    account: last('account'),
    exportEnv: exported.exportEnv,
    extraEnv: exported.extraEnv,
    print: options.some((o) => o.key === 'parsable') ? 'id' : 'default',
    ignored: toleratedWords(TABLE, options),
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
