// Tells a `.nf` run from pipe's other command lines and turns its Nextflow-style words into `pipe run` settings.
// `pipe [-q] [-bg] [-c FILE] run [options] main.nf [--param value …]`, where the options are single-dash.
import { UsageError } from '../../../engine/errors.js';
import { NF_OPTIONS, findNfOption } from './options.js';
import { defaultReportName, parseNextflowArgs, type NfCommandLine } from './parse-args.js';

// pipe's own options that may stand before any command.
const PIPE_GLOBALS = new Set(['--debug']);

export interface NfLaunch {
  readonly file: string;
  readonly params: readonly string[]; // `--name=value`, then the script's arguments
  readonly options: Readonly<Record<string, unknown>>; // RunOptions
  readonly debug: boolean;
  readonly help: boolean;
}

// Splits pipe's words into the launcher part before `run` and the words after it; undefined when the command is not
// `run` or a word before it is not a launcher option.
function splitAtRun(argv: readonly string[]): { launcher: string[]; rest: string[]; debug: boolean } | undefined {
  const launcher: string[] = [];
  let debug = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === 'run') return { launcher, rest: argv.slice(i + 1), debug };
    if (PIPE_GLOBALS.has(word)) {
      debug = true;
      continue;
    }
    const option = findNfOption(word);
    if (option === undefined || option.place === 'run') return undefined;
    launcher.push(word);
    if (option.arity === 'list' || option.arity === 'value') {
      const value = argv[++i];
      if (value === undefined) return undefined;
      launcher.push(value);
    }
  }
  return undefined;
}

// The `.nf` run that `argv` (pipe's words, after `pipe`) asks for, or undefined when it is another command or
// format (then commander reads it). Throws a UsageError for a `.nf` run whose words do not parse.
export function nextflowLaunch(argv: readonly string[], now = new Date()): NfLaunch | undefined {
  const split = splitAtRun(argv);
  if (split === undefined) return undefined;
  const words = [...split.launcher, ...split.rest];
  let parsed: NfCommandLine;
  try {
    parsed = parseNextflowArgs(words);
  } catch (error) {
    if (split.rest.some((word) => word.endsWith('.nf') && !word.startsWith('-'))) throw error;
    return undefined;
  }
  if (parsed.pipeline === undefined) {
    if (parsed.tookPipeline !== undefined) {
      throw new UsageError('no pipeline file given', {
        hint: `\`${parsed.tookPipeline}\` read the pipeline as a value; put the pipeline file first (in a .nf run every \`--name\` is a param)`,
      });
    }
    return undefined;
  }
  if (!parsed.pipeline.endsWith('.nf')) {
    if (split.launcher.length > 0 && split.launcher.some((word) => word !== '-q' && word !== '-quiet')) {
      throw new UsageError(`\`${split.launcher.join(' ')}\` before \`run\` applies to .nf pipelines only`, {
        hint: `\`${parsed.pipeline}\` is not a .nf file; give pipe run's options after \`run\``,
      });
    }
    return undefined;
  }
  return {
    file: parsed.pipeline,
    params: [...parsed.params, ...parsed.scriptArgs],
    options: runOptions(parsed.options, now),
    debug: split.debug,
    help: parsed.options.help === true,
  };
}

// Integer settings and the range each takes.
const INTEGERS: Readonly<Record<string, { min: number; name: string }>> = {
  jobs: { min: 1, name: '-queue-size' },
  retries: { min: 0, name: '-retries' },
  retryDelay: { min: 0, name: '-retry-delay' },
};

// Converts the parsed options into `pipe run` settings: numbers checked, default file names given, -ansi-log mapped.
function runOptions(raw: Readonly<Record<string, unknown>>, now: Date): Record<string, unknown> {
  const out: Record<string, unknown> = { logFormat: 'plain', progressInterval: 5, ...raw };
  for (const [key, { min, name }] of Object.entries(INTEGERS)) {
    if (raw[key] === undefined) continue;
    const n = Number(raw[key]);
    if (!Number.isInteger(n) || n < min) {
      const kind = min === 1 ? 'a positive integer' : 'a non-negative integer';
      throw new UsageError(`expected ${name} to be ${kind}, got "${String(raw[key])}"`);
    }
    out[key] = n;
  }
  if (raw.progressInterval !== undefined) out.progressInterval = Number(raw.progressInterval);
  if (raw.logFormat !== undefined && raw.logFormat !== 'plain' && raw.logFormat !== 'json') {
    throw new UsageError(`expected -log-format to be plain or json, got "${String(raw.logFormat)}"`);
  }
  for (const kind of ['trace', 'report', 'timeline', 'dag'] as const) {
    const key = `with${kind[0]!.toUpperCase()}${kind.slice(1)}`;
    if (raw[key] === true) out[key] = defaultReportName(kind, now);
  }
  if (raw.ansiLog === false) out.plain = true;
  if (raw.ansiLog === true) out.tui = true;
  delete out.ansiLog;
  delete out.help;
  delete out.offline;
  return out;
}

// The help of a `.nf` run: every option of the table, Nextflow's first.
export function nextflowRunHelp(): string {
  const rows = NF_OPTIONS.map((option) => {
    const value =
      option.arity === 'value' || option.arity === 'list'
        ? ' VALUE'
        : option.arity === 'optional' || option.arity === 'resume'
          ? ' [VALUE]'
          : option.arity === 'boolean'
            ? ' true|false'
            : '';
    return [`  ${option.names.join(', ')}${value}`, option.help] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    'Usage: pipe [-q] [-bg] [-c FILE] run [options] PIPELINE.nf [--param value ...]',
    '',
    'Options are spelled as for `nextflow run`; every `--name value` is a pipeline parameter.',
    '',
    ...rows.map(([left, help]) => `${left.padEnd(width)}${help}`),
    '',
  ].join('\n');
}
