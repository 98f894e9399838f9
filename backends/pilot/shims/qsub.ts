// `qsub` read as Torque and PBS Pro read it: options on the command line, then `#PBS` lines at the top of the
// script (the command line wins); resources from `-l` (`nodes=1:ppn=N`, `select=1:ncpus=N:mem=M`, `ncpus`, `mem`,
// `walltime`). Arrays are `-t` (Torque) or `-J` (PBS Pro). PBS Reference Guide, qsub; Torque's qsub(1).
import { basename, resolve } from 'node:path';
import { directiveWords, getopt, type ArgKind, type OptionSpec, type ParsedOption } from './getopt.js';
import { JobRequestError, parseArraySpec, type JobRequest } from './job-request.js';
import { parsePbsMemory, parsePbsTime } from './slurm-values.js';

type Use = 'honoured' | 'tolerated' | 'unsupported';

// qsub's options: [letter, argument, use].
const OPTIONS: readonly (readonly [string, ArgKind, Use])[] = [
  ['A', 'required', 'honoured'], // account
  ['d', 'required', 'honoured'], // working directory (Torque)
  ['w', 'required', 'honoured'], // working directory (Torque)
  ['e', 'required', 'honoured'],
  ['j', 'required', 'honoured'], // oe, eo, n
  ['J', 'required', 'honoured'], // array (PBS Pro)
  ['t', 'required', 'honoured'], // array (Torque)
  ['l', 'required', 'honoured'],
  ['N', 'required', 'honoured'],
  ['o', 'required', 'honoured'],
  ['P', 'required', 'honoured'], // project
  ['q', 'required', 'honoured'],
  ['v', 'required', 'honoured'],
  ['V', 'none', 'honoured'],
  ['z', 'none', 'honoured'], // print no job id
  ['c', 'required', 'tolerated'],
  ['k', 'required', 'tolerated'],
  ['m', 'required', 'tolerated'],
  ['M', 'required', 'tolerated'],
  ['p', 'required', 'tolerated'],
  ['r', 'required', 'tolerated'],
  ['S', 'required', 'tolerated'],
  ['W', 'required', 'tolerated'],
  ['f', 'none', 'tolerated'],
  ['a', 'required', 'unsupported'],
  ['h', 'none', 'unsupported'],
  ['I', 'none', 'unsupported'],
  ['X', 'none', 'unsupported'],
  ['x', 'none', 'unsupported'],
];

const SPECS: readonly OptionSpec[] = OPTIONS.map(([letter, arg]) => ({ short: letter, arg, key: letter }));
const USE = new Map(OPTIONS.map(([letter, , use]) => [letter, use]));

export interface QsubInput {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly home: string; // where a job without -d starts, as on PBS
  readonly readFile: (path: string) => string;
  readonly stdin?: string | undefined;
}

// The script file qsub reads, or undefined when the script comes from stdin.
export function qsubScriptPath(args: readonly string[]): { path?: string } | { error: string } {
  const parsed = getopt(args, SPECS);
  return parsed.ok ? { path: parsed.rest[0] } : { error: parsed.message };
}

// Reads a submission into a job request; throws JobRequestError with qsub's kind of message.
export function parseQsub(input: QsubInput): JobRequest {
  const parsed = getopt(input.args, SPECS);
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
  const header = directiveWords(script, '#PBS');
  const fromScript = getopt(header.words, SPECS);
  if (!fromScript.ok) throw new JobRequestError(`qsub: ${fromScript.message} in a #PBS line`);
  return requestOf([...fromScript.options, ...parsed.options], input, script, scriptPath, parsed.rest.slice(1));
}

// The last value given for `key`, if any.
function last(options: readonly ParsedOption[], key: string): string | undefined {
  let value: string | undefined;
  for (const o of options) if (o.key === key) value = o.value ?? '';
  return value;
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
  for (const o of options) {
    if (USE.get(o.key) === 'unsupported')
      throw new JobRequestError(`qsub: ${o.word}: not supported by pipe's PBS commands`);
  }
  const resources = resourcesOf(options.filter((o) => o.key === 'l').map((o) => o.value ?? ''));
  const join = last(options, 'j');
  const arraySpec = last(options, 'J') ?? last(options, 't');
  const dir = last(options, 'd') ?? last(options, 'w');
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
    name: last(options, 'N') ?? (scriptPath === undefined ? 'STDIN' : basename(scriptPath)),
    script,
    scriptPath,
    scriptArgs,
    workDir: dir === undefined ? input.home : resolve(input.cwd, dir),
    output: pbsPath(last(options, 'o'), input.cwd),
    // -j oe joins stderr into the output; otherwise stderr has a file of its own (-e, or NAME.eID).
    error: join === 'oe' ? undefined : (pbsPath(last(options, 'e'), input.cwd) ?? ''),
    cpus: resources.cpus,
    memoryBytes: resources.memoryBytes,
    timeLimitMs: resources.timeLimitMs,
    array: arraySpec === undefined ? undefined : parseArraySpec(arraySpec, 'qsub: -J'),
    queue: last(options, 'q'),
    account: last(options, 'A') ?? last(options, 'P'),
    exportEnv: options.some((o) => o.key === 'V') ? 'all' : names,
    extraEnv,
    print: options.some((o) => o.key === 'z') ? 'nothing' : 'default',
    ignored: [...options.filter((o) => USE.get(o.key) === 'tolerated').map((o) => o.word), ...resources.ignored],
  };
}

// An output path as qsub takes it: `[host:]path`, relative to the submission directory.
function pbsPath(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  const path = value.replace(/^[^/:]+:/, '');
  return resolve(cwd, path);
}
