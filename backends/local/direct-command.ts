// Lines a launcher may run without `sh -c`: a simple command whose words sh would take literally, naming a program
// sh would find and execute the same way. Such a task costs one exec instead of two (sh, then the program); one
// that runs sh's `true`, `false` or `:` costs none, as in sh, where they are builtins too. Anything else, or anything
// this cannot tell, runs through sh as before (launcher-script.ts).
//
// Words (POSIX shell command language, 2.2–2.6, the subset that expands to itself): runs of characters from
// SAFE_CHAR, single-quoted text, and double-quoted text free of `$`, backquote and backslash, separated by blanks.
// Anything else (`$`, backslash, `;`, `&`, `|`, redirections, globs, `~`, `#`, braces, a newline) is shell syntax.
// The first word must not be an assignment, a reserved word, or a builtin or special builtin of dash or bash, but
// for the three above: the launcher would run another shell's builtin (or a function it was given) where sh
// runs its own or a program.
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

const SAFE_CHAR = /[A-Za-z0-9_@%+=:,./-]/;
const BLANK = /[ \t]/;
const BUILTINS_RUN_HERE = new Set(['true', 'false', ':']);
// dash's and bash's reserved words, builtins and special builtins (those run without a PATH search).
const SHELL_WORDS = new Set(
  (
    '! { } [[ ]] case do done elif else esac fi for function if in select then time until while coproc ' +
    '. [ alias bg bind break builtin caller cd chdir command compgen complete compopt continue declare dirs disown ' +
    'echo enable eval exec exit export fc fg getopts hash help history jobs kill let local logout mapfile popd ' +
    'printf pushd pwd read readarray readonly return set shift shopt source suspend test times trap type typeset ' +
    'ulimit umask unalias unset wait'
  ).split(' '),
);
const MAX_DIRECT_LENGTH = 32_768; // longer lines keep the launcher's script-file path
// Variables bash gives a meaning, a value of its own or a read-only flag (or that change its mode): a task that
// sets one is left to sh, which exports it as given, where the launcher (bash) would not.
const BASH_VARIABLES =
  /^(?:BASH\w*|SHELLOPTS|POSIXLY_CORRECT|ENV|IFS|PWD|OLDPWD|SHLVL|_|EUID|UID|PPID|GROUPS|RANDOM|SRANDOM|SECONDS|LINENO|HISTCMD|FUNCNAME|DIRSTACK|PIPESTATUS|EPOCHREALTIME|EPOCHSECONDS|HOSTNAME|HOSTTYPE|OSTYPE|MACHTYPE|OPT\w*|COMP_\w*|READLINE_\w*|COPROC\w*|MAPFILE|REPLY|TMOUT|GLOBIGNORE|HIST\w*|PS\d|CDPATH|MAIL\w*|PROMPT_COMMAND|EXECIGNORE|FIGNORE|INPUTRC|LC_\w+|LANG|TIMEFORMAT)$/;

// Splits a line into the words sh would give the command, or undefined when it holds any shell syntax.
export function shellWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (BLANK.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) return undefined;
      const quoted = line.slice(i + 1, end);
      if (c === '"' && /[$`\\]/.test(quoted)) return undefined;
      word += quoted;
      i = end;
    } else if (SAFE_CHAR.test(c)) word += c;
    else return undefined;
  }
  if (inWord) words.push(word);
  return words;
}

// The program sh would execute for a first word, found as sh finds it: relative to the task's directory when it
// holds a slash, else in the first PATH directory holding a regular file of that name.
function programPath(name: string, dir: string, path: string): string | undefined {
  if (name.includes('/')) return resolve(dir, name);
  for (const entry of path.split(':')) {
    if (!isAbsolute(entry)) return undefined; // an empty or relative entry depends on the directory: leave it to sh
    const candidate = join(entry, name);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

// True when the kernel runs the file itself: executable and starting with an ELF header or `#!`. sh runs any other
// executable file as a script of its own, which the launcher (bash) would not.
function execsAlike(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(4);
      const n = readSync(fd, head, 0, 4, 0);
      return (n === 4 && head.readUInt32BE(0) === 0x7f454c46) || (n >= 2 && head[0] === 0x23 && head[1] === 0x21);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

// What each program name was found to be, so that a million tasks running one program look it up once.
const programs = new Map<string, boolean>();

// Whether a first word names a program the launcher may exec as sh would (looked up once per name and place).
function runsAlike(name: string, dir: string, path: string): boolean {
  const key = name.includes('/') ? resolve(dir, name) : `${path}\0${name}`;
  let alike = programs.get(key);
  if (alike === undefined) {
    const file = programPath(name, dir, path);
    alike = file !== undefined && execsAlike(file);
    programs.set(key, alike);
  }
  return alike;
}

// The words a launcher may run directly for a light task's line in `dir` (PATH as the task sees it; `names`: the
// variables the task sets), or undefined when the line needs sh. An empty word cannot travel in a launcher record;
// such lines go to sh too.
export function directWords(
  line: string,
  dir: string,
  path: string | undefined,
  names: readonly string[] = [],
): string[] | undefined {
  if (line.length > MAX_DIRECT_LENGTH || names.some((name) => BASH_VARIABLES.test(name))) return undefined;
  const words = shellWords(line);
  const first = words?.[0];
  if (words === undefined || first === undefined || words.includes('')) return undefined;
  if (BUILTINS_RUN_HERE.has(first)) return words;
  if (first.includes('=') || SHELL_WORDS.has(first) || path === undefined) return undefined;
  return runsAlike(first, dir, path) ? words : undefined;
}
