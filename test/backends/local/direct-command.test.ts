import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directWords, shellWords } from '../../../backends/local/direct-command.js';

const dir = mkdtempSync(join(tmpdir(), 'pipe-test-words-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The words sh itself makes of a line: `set -- LINE` in dash, printed NUL-separated.
const shWords = (line: string): string[] => {
  const out = execFileSync('sh', ['-c', `set -- ${line}\nprintf '%s\\0' "$#" "$@"`], { encoding: 'utf8' });
  return out.slice(0, -1).split('\0').slice(1);
};

// A small deterministic generator (no dependence on Math.random's seed).
const random = (seed: number): (() => number) => {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
};

describe('shellWords', () => {
  it.each([
    ['plain words', 'gzip -9 -k data/a.txt', ['gzip', '-9', '-k', 'data/a.txt']],
    ['blanks around and between', '  a \t b  ', ['a', 'b']],
    ['single quotes, holding anything', `grep 'a b$;|*"' x`, ['grep', 'a b$;|*"', 'x']],
    ['double quotes without expansions', 'echo "a b" c"d e"f', ['echo', 'a b', 'cd ef']],
    ['safe punctuation', 'x --opt=a,b:c@d%e+f', ['x', '--opt=a,b:c@d%e+f']],
  ])('splits %s as sh does', (_what, line, words) => {
    expect(shellWords(line)).toEqual(words);
    expect(shWords(line)).toEqual(words);
  });

  it.each([
    'echo $HOME',
    'echo "$HOME"',
    'echo `date`',
    'echo $(date)',
    'a; b',
    'a && b',
    'a | b',
    'a & b',
    'a > out',
    'a < in',
    'ls *.txt',
    'ls file?',
    'ls [ab]',
    'cd ~/x',
    'echo a # comment',
    'echo {a,b}',
    'echo a\\ b',
    '(a)',
    'a\nb',
    "echo 'unterminated",
    'echo "a\\"b"',
    '! a',
  ])('leaves shell syntax to sh: %j', (line) => {
    expect(shellWords(line)).toBeUndefined();
  });

  it('agrees with sh on every line it accepts, over generated lines', () => {
    const next = random(7);
    const alphabet = ['a', 'b', '-', '.', '/', '=', ' ', ' ', '\t', "'", '"', '$', '*', ';', '\\', '~', '#', 'é'];
    let accepted = 0;
    for (let i = 0; i < 1_000; i++) {
      const length = 1 + Math.floor(next() * 12);
      const line = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const words = shellWords(line);
      if (words === undefined) continue;
      accepted += 1;
      expect(words, JSON.stringify(line)).toEqual(shWords(line));
    }
    expect(accepted).toBeGreaterThan(60);
  });
});

describe('directWords', () => {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const script = (name: string, text: string, mode = 0o755): void => {
    writeFileSync(join(bin, name), text);
    chmodSync(join(bin, name), mode);
  };
  script('shebang', '#!/bin/sh\necho hi\n');
  script('noshebang', 'echo hi\n');
  script('notexec', '#!/bin/sh\n', 0o644);
  const path = `${bin}:/usr/bin:/bin`;

  it('runs true, false and : as sh does, without a program', () => {
    expect(directWords('true', dir, path)).toEqual(['true']);
    expect(directWords('false x', dir, undefined)).toEqual(['false', 'x']);
    expect(directWords(':', dir, path)).toEqual([':']);
  });

  it('execs programs the kernel runs itself: ELF files and #! scripts, found in PATH or by a path', () => {
    expect(directWords('ls -l', dir, path)).toEqual(['ls', '-l']);
    expect(directWords('shebang a', dir, path)).toEqual(['shebang', 'a']);
    expect(directWords('./bin/shebang', dir, '/usr/bin')).toEqual(['./bin/shebang']);
  });

  it('leaves to sh what the launcher would run differently or cannot tell', () => {
    expect(directWords('echo hi', dir, path)).toBeUndefined(); // a builtin: dash's and bash's differ
    expect(directWords('exit 3', dir, path)).toBeUndefined();
    expect(directWords('cd x', dir, path)).toBeUndefined();
    expect(directWords('if', dir, path)).toBeUndefined();
    expect(directWords('A=1 ls', dir, path)).toBeUndefined(); // an assignment
    expect(directWords('noshebang', dir, path)).toBeUndefined(); // sh runs it as its own script
    expect(directWords('notexec', dir, path)).toBeUndefined(); // sh reports it
    expect(directWords('no-such-program-here', dir, path)).toBeUndefined(); // sh reports it
    expect(directWords('ls', dir, `relative:${path}`)).toBeUndefined(); // the lookup depends on the directory
    expect(directWords("ls ''", dir, path)).toBeUndefined(); // an empty word cannot travel in a record
    expect(directWords('ls', dir, undefined)).toBeUndefined();
    expect(directWords('ls', dir, path, ['SHELLOPTS'])).toBeUndefined(); // bash would not export it as given
    expect(directWords('ls', dir, path, ['RANDOM'])).toBeUndefined();
    expect(directWords('ls', dir, path, ['MY_VAR', 'OMP_NUM_THREADS'])).toEqual(['ls']);
    expect(directWords(`ls ${'x'.repeat(40_000)}`, dir, path)).toBeUndefined();
  });
});
