// docs/configuration.md documents every option of every command the built CLI has (and every option of a .nf run,
// from `pipe run main.nf -help`), each in a table row of that command with what it corresponds to in Nextflow,
// cwltool or GNU parallel (`—` where none has anything alike).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pipeBin } from '../helpers/cli.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const docs = readFileSync(join(repo, 'docs', 'configuration.md'), 'utf8');

// The help text of `pipe WORDS --help` (or of `pipe WORDS` when it ends in its own help word).
function help(words: readonly string[], helpWord = '--help'): string {
  return execFileSync(process.execPath, [pipeBin, ...words, helpWord], { encoding: 'utf8' });
}

// The commands a help text lists (their first word), and the options it lists (long spelling, else short).
function commandsOf(text: string): string[] {
  const section = text.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1] as string).filter((c) => c !== 'help');
}
function optionsOf(text: string): string[] {
  const section = text.split(/^Options:$/m)[1]?.split(/^Commands:$/m)[0] ?? '';
  return [...section.matchAll(/^ {2}(-\w)?(?:, )?(--[\w-]+)?/gm)]
    .map((m) => m[2] ?? m[1])
    .filter((o): o is string => o !== undefined && o !== '--help');
}
// Every spelling of every option `pipe run main.nf -help` lists (`-c, -config VALUE` gives -c and -config).
function nfOptionsOf(text: string): string[] {
  return [...text.matchAll(/^ {2}(-[\w.-]+(?:, -[\w.-]+)*)/gm)].flatMap((m) => (m[1] as string).split(', '));
}

// A table row of the docs: the command it documents, its option cell and its Nextflow / cwltool / parallel cell.
interface Row {
  readonly command: string;
  readonly option: string;
  readonly counterpart: string;
}

// The cells of a table line (`\|` inside a cell is not a separator).
function cells(line: string): string[] {
  return line
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

// The option rows of every table with a Nextflow, cwltool or parallel column. A row's command comes from the table's
// `command` column (carried down over empty cells), a header such as "`pipe log` option", or the section heading
// (`pipe run FILE`, and its `.nf` runs part as `run .nf`).
function rows(known: readonly string[]): Row[] {
  const commandOf = (text: string): string | undefined => {
    const words = /`pipe([^`]*)`/.exec(text)?.[1]?.trim() ?? undefined;
    if (words === undefined) return undefined;
    return [...known].sort((a, b) => b.length - a.length).find((c) => words === c || words.startsWith(`${c} `));
  };
  const found: Row[] = [];
  let section: string | undefined;
  let table: string[] = [];
  const flush = (): void => {
    const [head, , ...body] = table.map(cells);
    table = [];
    if (head === undefined) return;
    const counterpart = head.findIndex((c) => /Nextflow|cwltool|parallel/.test(c));
    const option = head.findIndex((c) => /option/.test(c));
    if (counterpart < 0 || option < 0) return;
    const byColumn = head[0] === 'command';
    let command = byColumn ? undefined : (commandOf(head[0] ?? '') ?? section);
    for (const row of body) {
      if (byColumn && (row[0] ?? '') !== '') command = commandOf(row[0] ?? '');
      if (command === undefined) continue;
      found.push({ command, option: row[option] ?? '', counterpart: row[counterpart] ?? '' });
    }
  };
  for (const line of docs.split('\n')) {
    if (line.startsWith('|')) {
      table.push(line);
      continue;
    }
    flush();
    if (/^## /.test(line)) section = commandOf(line);
    else if (/^### `\.nf` runs/.test(line)) section = 'run .nf';
  }
  flush();
  return found;
}

// The options of `words` that no row of that command names in backticks, or names without a counterpart.
function undocumented(documented: readonly Row[], command: string, options: readonly string[]): string[] {
  const named = (option: string): RegExp => new RegExp(`\`[^\`]*(?<![\\w-])${option}(?![\\w-])[^\`]*\``);
  const mine = documented.filter((row) => row.command === command && row.counterpart !== '');
  return options.filter((option) => !mine.some((row) => named(option).test(row.option)));
}

describe('docs/configuration.md', () => {
  const top = help([]);
  const commands = commandsOf(top).flatMap((c) => {
    const sub = commandsOf(help([c]));
    return sub.length === 0 ? [[c]] : sub.map((s) => [c, s]);
  });
  const documented = rows(['', ...commands.map((c) => c.join(' '))]);

  it('finds the commands and their rows to check', () => {
    expect(commands.map((c) => c.join(' '))).toEqual(
      expect.arrayContaining(['run', 'log', 'clean', 'config', 'globus login']),
    );
    expect(documented.filter((row) => row.command === 'run .nf').length).toBeGreaterThan(20);
    expect(documented.filter((row) => row.command === '').length).toBeGreaterThan(0);
  });

  it.each([['', []], ...commands.map((c) => [c.join(' '), c])] as Array<[string, string[]]>)(
    'documents every option of `pipe %s` with its Nextflow, cwltool or parallel counterpart',
    (name, words) => {
      expect(undocumented(documented, name, optionsOf(help(words)))).toEqual([]);
    },
  );

  it('documents every option of a .nf run with its Nextflow counterpart', () => {
    const options = nfOptionsOf(help(['run', 'main.nf'], '-help'));
    expect(options).toEqual(expect.arrayContaining(['-resume', '-with-dag', '-qs', '-queue-size', '-agents']));
    expect(undocumented(documented, 'run .nf', options)).toEqual([]);
  });
});
