// Command templates with GNU parallel's replacement strings, applied to each line of an argument list.
// https://www.gnu.org/software/parallel/man.html#replacement-strings
import { shellQuote } from '../../engine/workdir/shell-quote.js';

// What each replacement string stands for, given the argument and the job's 1-based sequence number.
const REPLACEMENTS: Readonly<Record<string, (argument: string, seq: number) => string>> = {
  '{}': (argument) => shellQuote(argument),
  '{.}': (argument) => shellQuote(withoutExtension(argument)),
  '{/}': (argument) => shellQuote(basename(argument)),
  '{//}': (argument) => shellQuote(dirname(argument)),
  '{/.}': (argument) => shellQuote(withoutExtension(basename(argument))),
  '{#}': (_argument, seq) => String(seq),
};

const REPLACEMENT_PATTERN = /\{(?:|\.|\/|\/\/|\/\.|#)\}/g;

export type ExpandTemplate = (argument: string, seq: number) => string;

// Whether the template uses any replacement string; without one the argument is appended, as parallel does.
export function hasReplacementString(template: string): boolean {
  return new RegExp(REPLACEMENT_PATTERN.source).test(template);
}

// Splits the template once into literal text and replacements, returning a fast expander.
export function compileTemplate(template: string): ExpandTemplate {
  const source = hasReplacementString(template) ? template : `${template} {}`;
  const literals: string[] = [];
  const replacements: ((argument: string, seq: number) => string)[] = [];
  let last = 0;
  for (const match of source.matchAll(REPLACEMENT_PATTERN)) {
    literals.push(source.slice(last, match.index));
    replacements.push(REPLACEMENTS[match[0]]!);
    last = match.index + match[0].length;
  }
  const tail = source.slice(last);
  return (argument, seq) => {
    let command = '';
    for (let i = 0; i < replacements.length; i++) command += literals[i]! + replacements[i]!(argument, seq);
    return command + tail;
  };
}

// The command for one argument: the template with its replacement strings filled in (values shell-quoted).
export function expandTemplate(template: string, argument: string, seq: number): string {
  return compileTemplate(template)(argument, seq);
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
