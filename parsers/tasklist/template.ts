// Command templates with GNU parallel's replacement strings, applied to each line of an argument list.
// https://www.gnu.org/software/parallel/man.html#replacement-strings
import { UsageError } from '../../engine/errors.js';
import { shellQuote } from '../../engine/workdir/shell-quote.js';

// How a replacement string transforms the value it stands for (`{}`, `{.}`, `{/}`, `{//}`, `{/.}`).
const TRANSFORMS: Readonly<Record<string, (value: string) => string>> = {
  '': (value) => value,
  '.': withoutExtension,
  '/': basename,
  '//': dirname,
  '/.': (value) => withoutExtension(basename(value)),
};

// `{}`, `{.}` … and their positional forms `{1}`, `{2.}` …; `{#}`, `{%}`; and parallel's `{= perl =}`.
const REPLACEMENT_PATTERN = /\{(\d*)(|\.|\/|\/\/|\/\.)\}|\{#\}|\{%\}|\{=.*?=\}/g;

export interface TemplateOptions {
  // GNU parallel's --colsep: a regular expression that splits each line into the columns `{1}`, `{2}` … name.
  readonly colsep?: string | undefined;
}

export type ExpandTemplate = (argument: string, seq: number) => string;

// Whether the template uses any replacement string; without one the argument is appended, as parallel does.
export function hasReplacementString(template: string): boolean {
  return new RegExp(REPLACEMENT_PATTERN.source).test(template);
}

// A replacement string pipe cannot fill, as a usage error naming it.
function unsupported(text: string, hint: string): UsageError {
  return new UsageError(`the template's replacement string \`${text}\` is not supported`, { hint });
}

// The separator of --colsep, checked.
function columnSeparator(colsep: string | undefined): RegExp | undefined {
  if (colsep === undefined) return undefined;
  if (colsep === '') throw new UsageError('--colsep is empty', { hint: "give the separator, e.g. --colsep '\\t'" });
  try {
    return new RegExp(colsep);
  } catch (error) {
    throw new UsageError(`--colsep "${colsep}" is not a valid regular expression`, { cause: error });
  }
}

// One replacement of a compiled template: the value it gives for a line's columns and sequence number.
type Fill = (columns: readonly string[], seq: number) => string;

// The fill of one replacement string, or an error for one pipe cannot fill.
function fillOf(match: RegExpMatchArray, separated: boolean): Fill {
  const text = match[0];
  if (text === '{#}') return (_c, seq) => String(seq);
  if (text === '{%}') throw unsupported(text, 'pipe gives tasks no job slot number; use {#}, the sequence number');
  if (text.startsWith('{=')) throw unsupported(text, 'pipe evaluates no Perl; use {} {.} {/} {//} {/.} {#} or {N}');
  const transform = TRANSFORMS[match[2] ?? '']!;
  if (match[1] === undefined || match[1] === '') {
    return (columns) => columns.map((c) => shellQuote(transform(c))).join(' ');
  }
  const n = Number(match[1]);
  if (n < 1) throw unsupported(text, 'columns are numbered from {1}');
  if (n > 1 && !separated) {
    throw new UsageError(`the template names column ${n} (\`${text}\`), but lines are not split into columns`, {
      hint: "split each line with --colsep REGEX (e.g. --colsep '\\t' or --colsep ,), as GNU parallel does",
    });
  }
  return (columns) => shellQuote(transform(columns[n - 1] ?? ''));
}

// Splits the template once into literal text and replacements, returning a fast expander.
export function compileTemplate(template: string, options: TemplateOptions = {}): ExpandTemplate {
  const source = hasReplacementString(template) ? template : `${template} {}`;
  const separator = columnSeparator(options.colsep);
  const literals: string[] = [];
  const fills: Fill[] = [];
  let last = 0;
  for (const match of source.matchAll(REPLACEMENT_PATTERN)) {
    literals.push(source.slice(last, match.index));
    fills.push(fillOf(match, separator !== undefined));
    last = match.index + match[0].length;
  }
  const tail = source.slice(last);
  return (argument, seq) => {
    const columns = separator === undefined ? [argument] : argument.split(separator);
    let command = '';
    for (let i = 0; i < fills.length; i++) command += literals[i]! + fills[i]!(columns, seq);
    return command + tail;
  };
}

// The command for one argument: the template with its replacement strings filled in (values shell-quoted).
export function expandTemplate(template: string, argument: string, seq: number, options: TemplateOptions = {}): string {
  return compileTemplate(template, options)(argument, seq);
}

// `{/}`: everything after the last slash (parallel's `s:.*/::`).
function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

// `{.}`: the path without the last extension of its final component (parallel's `s:\.[^/.]*$::`).
function withoutExtension(path: string): string {
  return path.replace(/\.[^/.]*$/, '');
}

// `{//}`: the directory part as Perl's File::Basename::dirname gives it: `.` for a bare name, `/` for the root.
function dirname(path: string): string {
  const [dir, base] = splitLastSlash(path);
  if (base !== '') return trimTrailingSlashes(dir);
  return trimTrailingSlashes(splitLastSlash(trimTrailingSlashes(dir))[0]);
}

// The path split after its last slash; `./` stands in for a missing directory.
function splitLastSlash(path: string): [string, string] {
  const cut = path.lastIndexOf('/') + 1;
  return cut === 0 ? ['./', path] : [path.slice(0, cut), path.slice(cut)];
}

// The path without trailing slashes, keeping at least its first character.
function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}
