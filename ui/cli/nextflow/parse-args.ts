// Reads a `.nf` run's command line as `nextflow run` does: single-dash words are options (the table in options.ts),
// `--name value` words are pipeline params whatever the name, the first other word is the pipeline and the rest are
// the script's arguments. Pure: words in, a description of the run out.
import { UsageError } from '../../../engine/errors.js';
import { closestMatch } from '../../../parsers/common/edit-distance.js';
import { NF_OPTION_NAMES, findNfOption, unsupportedNfOption, type NfOption } from './options.js';

export interface NfCommandLine {
  readonly pipeline: string | undefined;
  readonly scriptArgs: readonly string[]; // words after the pipeline that are neither options nor params
  readonly params: readonly string[]; // each `--name=value`, as Nextflow normalises them
  readonly options: Readonly<Record<string, unknown>>; // by RunOptions key; optional values absent are `true`
  readonly tookPipeline?: string; // an option that took a `.nf` word as its value, for the "no pipeline" hint
}

// A run id pipe gave (`20260101-120000-ab12`), Nextflow's `last`, or a Nextflow session UUID: what `-resume` takes.
const RUN_REF = /^(?:last|\d{8}-\d{6}-[0-9a-f]{4}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

// Whether a word after `--name` is its value: Nextflow's Launcher.isValue (one character, not an option, a number
// or a word with a space).
export function isParamValue(word: string | undefined): word is string {
  if (word === undefined || word === '') return false;
  if (word.length === 1) return true;
  return !word.startsWith('-') || /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(word) || word.includes(' ');
}

// The error for a single-dash word pipe does not take, with the reason or a likely intended spelling.
function unknownOption(word: string): UsageError {
  const reason = unsupportedNfOption(word);
  if (reason !== undefined) {
    return new UsageError(`the Nextflow option \`${word}\` is not supported by pipe`, { hint: reason });
  }
  const near = closestMatch(word, NF_OPTION_NAMES);
  return new UsageError(`unknown option \`${word}\` for a .nf run`, {
    hint:
      near === undefined
        ? 'pipe options of .nf runs are single-dash, as `nextflow run` (see `pipe run main.nf -help`); params are `--name value`'
        : `did you mean \`${near}\`?`,
  });
}

// Reads the value(s) of `option` from words[i + 1…]; returns the value and how many words it took.
function takeValue(option: NfOption, word: string, next: string | undefined): [unknown, number] {
  switch (option.arity) {
    case 'flag':
      return next === 'true' || next === 'false' ? [next === 'true', 1] : [true, 0];
    case 'boolean':
      if (next === 'true' || next === 'false') return [next === 'true', 1];
      if (next === undefined || next.startsWith('-')) return [true, 0];
      throw new UsageError(`expected \`${word}\` to be true or false, got "${next}"`, {
        hint: `write \`${word} false\` or \`${word} true\``,
      });
    case 'optional':
      return next === undefined || next.startsWith('-') ? [true, 0] : [next, 1];
    case 'resume':
      return next !== undefined && RUN_REF.test(next) ? [next === 'last' ? true : next, 1] : [true, 0];
    case 'value':
    case 'list':
      if (next === undefined || (next.startsWith('-') && findNfOption(next) !== undefined)) {
        throw new UsageError(`\`${word}\` needs a value`, { hint: `write it as \`${word} VALUE\`` });
      }
      return [next, 1];
    default: {
      const never: never = option.arity;
      throw new Error(`unknown arity ${String(never)}`);
    }
  }
}

// Parses the words after `run` (and the launcher options before it, passed first) into a run description.
export function parseNextflowArgs(words: readonly string[]): NfCommandLine {
  const options: Record<string, unknown> = {};
  const params: string[] = [];
  const positional: string[] = [];
  let tookPipeline: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (/^--[A-Za-z0-9]/.test(word)) {
      const next = words[i + 1];
      if (word.includes('=')) params.push(word);
      else if (isParamValue(next)) {
        if (next.endsWith('.nf') && positional.length === 0) tookPipeline = `${word} ${next}`;
        params.push(`${word}=${next}`);
        i++;
      } else params.push(`${word}=true`);
      continue;
    }
    if (!word.startsWith('-') || word === '-') {
      positional.push(word);
      continue;
    }
    const setting = /^-(process|executor|cluster)\.([A-Za-z][\w.-]*)(?:=(.*))?$/s.exec(word);
    if (setting !== null) {
      // `-process.debug`, `-executor.cpus 2`: config settings that override the config files (`-cluster.` is the
      // old name of `-executor.`); with no value the setting is `true`, as Nextflow's normalizeArgs reads it
      const [, scope, name, given] = setting;
      const next = words[i + 1];
      const value = given ?? (next !== undefined && !next.startsWith('-') ? (i++, next) : 'true');
      const overrides = (options.configOverrides as string[] | undefined) ?? [];
      options.configOverrides = [...overrides, `${scope === 'cluster' ? 'executor' : scope}.${name}=${value}`];
      continue;
    }
    const option = findNfOption(word);
    if (option === undefined) throw unknownOption(word);
    const [value, taken] = takeValue(option, word, words[i + 1]);
    if (taken === 1 && typeof value === 'string' && value.endsWith('.nf') && positional.length === 0) {
      tookPipeline = `${word} ${value}`;
    }
    i += taken;
    if (option.arity === 'list') options[option.key] = [...((options[option.key] as string[]) ?? []), value];
    else options[option.key] = value;
  }
  return {
    pipeline: positional[0],
    scriptArgs: positional.slice(1),
    params,
    options,
    ...(tookPipeline === undefined ? {} : { tookPipeline }),
  };
}

// Nextflow's default name for a report file: `trace-20260101-43200000.txt` (date and milliseconds of the day, local
// time), as TraceHelper.launchTimestampFmt.
export function defaultReportName(kind: 'trace' | 'report' | 'timeline' | 'dag', now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const ms = ((now.getHours() * 60 + now.getMinutes()) * 60 + now.getSeconds()) * 1000 + now.getMilliseconds();
  return `${kind}-${date}-${ms}.${kind === 'trace' ? 'txt' : 'html'}`;
}
