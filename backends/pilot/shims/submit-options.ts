// The options of a submission command (sbatch, qsub) as one table: how getopt reads each and what the shims do
// with it; the options in effect (the script's directive lines first, the command line after them, so a later
// value wins); and the checks both commands make on them.
import { directiveWords, getopt, type ArgKind, type OptionSpec, type ParsedOption } from './getopt.js';
import { JobRequestError } from './job-request.js';

// What the shims do with an option: act on it, accept it without effect (nothing to place on one machine's
// agents), or refuse it (the job would not behave as asked).
export type OptionUse = 'honoured' | 'tolerated' | 'unsupported';

export interface OptionRow {
  readonly short?: string | undefined;
  readonly long?: string | undefined;
  readonly arg: ArgKind;
  readonly use: OptionUse;
}

export interface OptionTable {
  readonly specs: readonly OptionSpec[];
  readonly use: ReadonlyMap<string, OptionUse>;
}

// Each option is keyed by its long name, or its letter when it has none.
export function optionTable(rows: readonly OptionRow[]): OptionTable {
  const keyed = rows.map((row) => ({ ...row, key: row.long ?? (row.short as string) }));
  return {
    specs: keyed.map(({ short, long, arg, key }) => ({ short, long, arg, key })),
    use: new Map(keyed.map((row) => [row.key, row.use])),
  };
}

// The options in effect: those of the script's `directive` lines, then those of the command line.
export function optionsInEffect(
  table: OptionTable,
  commandLine: readonly ParsedOption[],
  script: string,
  directive: string,
  errorOf: (message: string) => string,
): ParsedOption[] {
  const fromScript = getopt(directiveWords(script, directive).words, table.specs);
  if (!fromScript.ok) throw new JobRequestError(errorOf(`${fromScript.message} in a ${directive} line`));
  return [...fromScript.options, ...commandLine];
}

// Refuses the first option the shims do not support, with the command's message.
export function refuseUnsupported(
  table: OptionTable,
  options: readonly ParsedOption[],
  message: (word: string) => string,
): void {
  const refused = options.find((o) => table.use.get(o.key) === 'unsupported');
  if (refused !== undefined) throw new JobRequestError(message(refused.word));
}

// The options accepted without effect, as written (for the notice that says so).
export function toleratedWords(table: OptionTable, options: readonly ParsedOption[]): string[] {
  return options.filter((o) => table.use.get(o.key) === 'tolerated').map((o) => o.word);
}

// The last value given for `key` ('' for an option given without one), if any.
export function lastValue(options: readonly ParsedOption[], key: string): string | undefined {
  let value: string | undefined;
  for (const o of options) if (o.key === key) value = o.value ?? '';
  return value;
}
