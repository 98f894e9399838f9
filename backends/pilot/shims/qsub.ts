// `qsub` read as Torque and PBS Pro read it: options on the command line, then `#PBS` lines at the top of the
// script (the command line wins); resources from `-l` (`nodes=1:ppn=N`, `select=1:ncpus=N:mem=M`, `ncpus`, `mem`,
// `walltime`). Arrays are `-t` (Torque) or `-J` (PBS Pro). PBS Reference Guide, qsub; Torque's qsub(1).
import { basename, resolve } from 'node:path';
import { getopt, type ParsedOption } from './getopt.js';
import { JobRequestError, parseArraySpec, type JobRequest } from './job-request.js';
import { parsePbsMemory, parsePbsTime } from './slurm-values.js';
import { lastValue, optionsInEffect, optionTable, refuseUnsupported, toleratedWords } from './submit-options.js';

// qsub's options, by letter.
const TABLE = optionTable([
  { short: 'A', arg: 'required', use: 'honoured' }, // account
  { short: 'd', arg: 'required', use: 'honoured' }, // working directory (Torque)
  { short: 'w', arg: 'required', use: 'honoured' }, // working directory (Torque)
  { short: 'e', arg: 'required', use: 'honoured' },
  { short: 'j', arg: 'required', use: 'honoured' }, // oe, eo, n
  { short: 'J', arg: 'required', use: 'honoured' }, // array (PBS Pro)
  { short: 't', arg: 'required', use: 'honoured' }, // array (Torque)
  { short: 'l', arg: 'required', use: 'honoured' },
  { short: 'N', arg: 'required', use: 'honoured' },
  { short: 'o', arg: 'required', use: 'honoured' },
  { short: 'P', arg: 'required', use: 'honoured' }, // project
  { short: 'q', arg: 'required', use: 'honoured' },
  { short: 'v', arg: 'required', use: 'honoured' },
  { short: 'V', arg: 'none', use: 'honoured' },
  { short: 'z', arg: 'none', use: 'honoured' }, // print no job id
  { short: 'c', arg: 'required', use: 'tolerated' },
  { short: 'k', arg: 'required', use: 'tolerated' },
  { short: 'm', arg: 'required', use: 'tolerated' },
  { short: 'M', arg: 'required', use: 'tolerated' },
  { short: 'p', arg: 'required', use: 'tolerated' },
  { short: 'r', arg: 'required', use: 'tolerated' },
  { short: 'S', arg: 'required', use: 'tolerated' },
  { short: 'W', arg: 'required', use: 'tolerated' },
  { short: 'f', arg: 'none', use: 'tolerated' },
  { short: 'a', arg: 'required', use: 'unsupported' },
  { short: 'h', arg: 'none', use: 'unsupported' },
  { short: 'I', arg: 'none', use: 'unsupported' },
  { short: 'X', arg: 'none', use: 'unsupported' },
  { short: 'x', arg: 'none', use: 'unsupported' },
]);

export interface QsubInput {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly home: string; // where a job without -d starts, as on PBS
  readonly readFile: (path: string) => string;
  readonly stdin?: string | undefined;
}

// The script file qsub reads, or undefined when the script comes from stdin.
export function qsubScriptPath(args: readonly string[]): { path?: string } | { error: string } {
  const parsed = getopt(args, TABLE.specs);
  return parsed.ok ? { path: parsed.rest[0] } : { error: parsed.message };
}

// Reads a submission into a job request; throws JobRequestError with qsub's kind of message.
export function parseQsub(input: QsubInput): JobRequest {
  const parsed = getopt(input.args, TABLE.specs);
  if (!parsed.ok) throw new JobRequestError(`qsub: ${parsed.message}`);
  let script: string;
  let scriptPath: string | undefined;
  if (parsed.rest.length > 0) {
    scriptPath = resolve(input.cwd, parsed.rest[0]!);
    try {
      script = input.readFile(scriptPath);
    } catch (error) {
      throw new JobRequestError(`qsub: script file cannot be loaded - ${parsed.rest[0]}: ${(error as Error).message}`);
    }
  } else script = input.stdin ?? '';
  const options = optionsInEffect(TABLE, parsed.options, script, '#PBS', (message) => `qsub: ${message}`);
  return requestOf(options, input, script, scriptPath, parsed.rest.slice(1));
}

interface Resources {
  cpus?: number;
  memoryBytes?: number;
  timeLimitMs?: number;
  ignored: string[];
}

// The resources of every -l list: `nodes=1:ppn=N`, `select=1:ncpus=N:mem=M`, `ncpus=N`, `mem=M`, `walltime=T`.
function resourcesOf(lists: readonly string[]): Resources {
  const result: Resources = { ignored: [] };
  const count = (value: string, what: string): number => {
    if (!/^\d+$/.test(value)) throw new JobRequestError(`qsub: illegal -l value ${what}=${value}`);
    return Number(value);
  };
  for (const list of lists) {
    for (const item of list.split(',')) {
      const [key = '', ...rest] = item.split('=');
      const value = rest.join('=');
      if (key === 'walltime') result.timeLimitMs = parsePbsTime(value, key);
      else if (key === 'mem') result.memoryBytes = parsePbsMemory(value, key);
      else if (key === 'ncpus') result.cpus = count(value, key);
      else if (key === 'nodes' || key === 'select') {
        for (const part of value.split(':').slice(1)) {
          const [k = '', v = ''] = part.split('=');
          if (k === 'ppn' || k === 'ncpus') result.cpus = count(v, k);
          else if (k === 'mem') result.memoryBytes = parsePbsMemory(v, k);
          else result.ignored.push(`-l ${key}:${part}`);
        }
      } else result.ignored.push(`-l ${item}`);
    }
  }
  return result;
}

// Builds the request from the options in effect.
function requestOf(
  options: readonly ParsedOption[],
  input: QsubInput,
  script: string,
  scriptPath: string | undefined,
  scriptArgs: string[],
): JobRequest {
  refuseUnsupported(TABLE, options, (word) => `qsub: ${word}: not supported by pipe's PBS commands`);
  const last = (key: string): string | undefined => lastValue(options, key);
  const resources = resourcesOf(options.filter((o) => o.key === 'l').map((o) => o.value ?? ''));
  const join = last('j');
  const arraySpec = last('J') ?? last('t');
  const dir = last('d') ?? last('w');
  const extraEnv: Record<string, string> = {};
  const names: string[] = [];
  for (const list of options.filter((o) => o.key === 'v').map((o) => o.value ?? '')) {
    for (const item of list.split(',').filter((x) => x !== '')) {
      if (item.includes('=')) extraEnv[item.slice(0, item.indexOf('='))] = item.slice(item.indexOf('=') + 1);
      else names.push(item);
    }
  }
  return {
    flavour: 'pbs',
    name: last('N') ?? (scriptPath === undefined ? 'STDIN' : basename(scriptPath)),
    script,
    scriptPath,
    scriptArgs,
    workDir: dir === undefined ? input.home : resolve(input.cwd, dir),
    output: pbsPath(last('o'), input.cwd),
    // -j oe joins stderr into the output; otherwise stderr has a file of its own (-e, or NAME.eID).
    error: join === 'oe' ? undefined : (pbsPath(last('e'), input.cwd) ?? ''),
    cpus: resources.cpus,
    memoryBytes: resources.memoryBytes,
    timeLimitMs: resources.timeLimitMs,
    array: arraySpec === undefined ? undefined : parseArraySpec(arraySpec, 'qsub: -J'),
    queue: last('q'),
    account: last('A') ?? last('P'),
    exportEnv: options.some((o) => o.key === 'V') ? 'all' : names,
    extraEnv,
    print: options.some((o) => o.key === 'z') ? 'nothing' : 'default',
    ignored: [...toleratedWords(TABLE, options), ...resources.ignored],
  };
}

// An output path as qsub takes it: `[host:]path`, relative to the submission directory.
function pbsPath(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  const path = value.replace(/^[^/:]+:/, '');
  return resolve(cwd, path);
}
