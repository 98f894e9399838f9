// Command-line options read the way getopt_long reads them (Slurm's and PBS's commands both use it): clustered short
// options (`-c4`, `-jo`), `--name=value` or `--name value`, optional arguments only after `=`, and the first word
// that is not an option ending the options (`+` in the optstring: later words are the script's own arguments).

export type ArgKind = 'none' | 'required' | 'optional';

export interface OptionSpec {
  readonly long?: string | undefined; // without the dashes
  readonly short?: string | undefined; // one character
  readonly arg: ArgKind;
  readonly key: string; // what the option is called in the result (its long name, or its short one)
}

export interface ParsedOption {
  readonly key: string;
  readonly value: string | undefined;
  readonly word: string; // as written, for messages
}

export type GetoptResult =
  | { readonly ok: true; readonly options: ParsedOption[]; readonly rest: string[] }
  | { readonly ok: false; readonly message: string };

// Reads options from `words` up to the first operand; `rest` is that operand and everything after it.
export function getopt(words: readonly string[], specs: readonly OptionSpec[]): GetoptResult {
  const byLong = new Map(specs.filter((s) => s.long !== undefined).map((s) => [s.long!, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short!, s]));
  const options: ParsedOption[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      i += 1;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      const spec = byLong.get(name);
      if (spec === undefined) return { ok: false, message: `unrecognized option '${word}'` };
      if (eq >= 0) {
        if (spec.arg === 'none') return { ok: false, message: `option '--${name}' doesn't allow an argument` };
        options.push({ key: spec.key, value: word.slice(eq + 1), word });
      } else if (spec.arg === 'required') {
        if (i + 1 >= words.length) return { ok: false, message: `option '--${name}' requires an argument` };
        i += 1;
        options.push({ key: spec.key, value: words[i], word: `${word} ${words[i]}` });
      } else options.push({ key: spec.key, value: undefined, word });
      continue;
    }
    for (let c = 1; c < word.length; c++) {
      const spec = byShort.get(word[c]!);
      if (spec === undefined) return { ok: false, message: `invalid option -- '${word[c]}'` };
      if (spec.arg === 'none') {
        options.push({ key: spec.key, value: undefined, word: `-${word[c]}` });
        continue;
      }
      const attached = word.slice(c + 1);
      if (attached !== '' || spec.arg === 'optional') {
        options.push({ key: spec.key, value: attached === '' ? undefined : attached, word });
      } else {
        if (i + 1 >= words.length) return { ok: false, message: `option requires an argument -- '${word[c]}'` };
        i += 1;
        options.push({ key: spec.key, value: words[i], word: `${word} ${words[i]}` });
      }
      break;
    }
  }
  return { ok: true, options, rest: words.slice(i) };
}

// Splits a directive line's text into words as a shell would for simple quoting: blanks separate words, single and
// double quotes group (no expansions). `#SBATCH --job-name="a b"` gives `--job-name=a b`.
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '#' && !inWord)
      break; // a comment after the directive
    else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

// The words of a script's directive lines (`#SBATCH …`, `#PBS …`): read from the top, up to the first line that is
// neither blank nor a comment, as sbatch and qsub do. Each word keeps its line number.
export function directiveWords(script: string, token: string): { words: string[]; lines: number[] } {
  const words: string[] = [];
  const lines: number[] = [];
  const all = script.split('\n');
  for (let n = 0; n < all.length; n++) {
    const line = all[n]!.trim();
    if (line === '') continue;
    if (!line.startsWith('#')) break;
    if (!line.startsWith(token) || !/\s/.test(line[token.length] ?? '')) continue;
    for (const word of splitWords(line.slice(token.length))) {
      words.push(word);
      lines.push(n + 1);
    }
  }
  return { words, lines };
}
