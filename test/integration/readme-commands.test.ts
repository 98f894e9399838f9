// Every `pipe …` command line in the README's and docs' shell examples names a command pipe has and options that
// command takes (for .nf runs, the options `nextflow run` spells): read from the built CLI's own help.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseNextflowArgs } from '../../ui/cli/nextflow/parse-args.js';
import { runPipe, scratchDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '..', '..');
const files = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

// The shell words of a line: quotes grouped, a trailing `&` and `# comment` dropped, a pipe `|` ends it.
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'[^']*'|"[^"]*"|[^\s'"]+/g)) {
    const word = m[0];
    if (word === '#' || word.startsWith('#') || word === '|' || word === '&' || word === '>') break;
    out.push(word.replace(/^['"]|['"]$/g, ''));
  }
  return out;
}

// `pipe …` lines of fenced shell blocks (not usage synopses with [optional] parts).
function commandLines(): Array<{ file: string; line: string }> {
  const found: Array<{ file: string; line: string }> = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const block of text.matchAll(/```(?:sh|bash|shell|console|text)?\n([\s\S]*?)```/g)) {
      for (const raw of (block[1] ?? '').split('\n')) {
        const line = raw.replace(/^\$ /, '').trim();
        if (
          !/^pipe [a-z-]/.test(line) ||
          line.endsWith(':') ||
          line.includes('[') ||
          line.includes('…') ||
          / on (local|slurm)$/.test(line)
        )
          continue;
        found.push({ file, line });
      }
    }
  }
  return found;
}

const COMMANDS: string[] = [];
const help = new Map<string, Set<string>>();

beforeAll(async () => {
  const dir = scratchDir();
  const top = (await runPipe(['--help'], dir)).stdout;
  const listed = top.slice(top.indexOf('Commands:'));
  COMMANDS.push(...[...listed.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1] ?? '').filter((c) => c !== 'help'));
  for (const command of COMMANDS) {
    const out = (await runPipe([command, '--help'], dir)).stdout;
    help.set(command, new Set([...out.matchAll(/(?<![\w-])(--?[A-Za-z][\w-]*)/g)].map((m) => m[1] ?? '')));
  }
}, 60_000);

describe('the command lines of the README and docs', () => {
  const lines = commandLines();

  it('are found', () => {
    expect(lines.length).toBeGreaterThan(20);
  });

  it.each(lines)('$file: $line', ({ line }) => {
    const argv = words(line).slice(1);
    const command = argv.find((w) => !w.startsWith('-')) ?? '';
    expect(COMMANDS).toContain(command);
    const rest = argv.slice(argv.indexOf(command) + 1);
    const file = rest.find((w) => !w.startsWith('-'));
    if (command === 'run' && file?.endsWith('.nf') === true) {
      expect(parseNextflowArgs(rest).pipeline).toBe(file);
      return;
    }
    const known = help.get(command) ?? new Set<string>();
    const afterCwl = file?.includes('.cwl') === true ? rest.indexOf(file) : rest.length;
    const unknown = rest.filter((w, i) => w.startsWith('-') && !known.has(w) && !(i > afterCwl && w.startsWith('--')));
    expect(unknown).toEqual([]);
  });
});
