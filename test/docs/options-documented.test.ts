// docs/configuration.md documents every option of every command the built CLI has.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pipeBin } from '../helpers/cli.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const docs = readFileSync(join(repo, 'docs', 'configuration.md'), 'utf8');

// The help text of `pipe WORDS --help`.
function help(words: readonly string[]): string {
  return execFileSync(process.execPath, [pipeBin, ...words, '--help'], { encoding: 'utf8' });
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

describe('docs/configuration.md', () => {
  // Each option must appear in backticks in a table row, e.g. `-o, --output FILE`.
  const top = help([]);
  const commands = commandsOf(top).flatMap((c) => {
    const sub = commandsOf(help([c]));
    return sub.length === 0 ? [[c]] : sub.map((s) => [c, s]);
  });

  it('finds the commands to check', () => {
    expect(commands.map((c) => c.join(' '))).toEqual(expect.arrayContaining(['run', 'log', 'clean', 'globus login']));
  });

  it.each(commands.map((c) => [c.join(' '), c]))('documents every option of `pipe %s`', (_, words) => {
    const rows = docs.split('\n').filter((line) => line.startsWith('|'));
    const named = (option: string): RegExp => new RegExp(`\`[^\`]*(?<![\\w-])${option}(?![\\w-])[^\`]*\``);
    const missing = optionsOf(help(words)).filter((option) => !rows.some((line) => named(option).test(line)));
    expect(missing).toEqual([]);
  });
});
