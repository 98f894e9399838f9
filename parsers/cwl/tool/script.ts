// The script a tool runs as in its work dir: cd to the output dir, a clean environment as cwltool gives
// (HOME, TMPDIR, PATH and EnvVarRequirement), the command line and its redirections. `env` itself runs in the C
// locale, which it need not read from files (the tool gets only the environment it is given).
import { shellQuote } from '../../../engine/workdir/shell-quote.js';

export interface ToolScript {
  readonly words: readonly string[]; // argv, or shell fragments when `shell` is set
  readonly shell: boolean; // ShellCommandRequirement: words are joined and run by /bin/sh -c
  readonly outdir: string;
  readonly tmpdir: string;
  readonly env: Readonly<Record<string, string>>; // EnvVarRequirement
  readonly stdin?: string | undefined; // absolute path
  readonly stdout?: string | undefined; // relative to outdir
  readonly stderr?: string | undefined;
}

// Renders .command.sh for a tool.
export function renderToolScript(script: ToolScript): string {
  const env = [
    `HOME=${shellQuote(script.outdir)}`,
    `TMPDIR=${shellQuote(script.tmpdir)}`,
    'PATH="$PATH"',
    ...Object.entries(script.env).map(([name, value]) => shellQuote(`${name}=${value}`)),
  ];
  const command = script.shell ? ['/bin/sh', '-c', shellQuote(script.words.join(' '))] : script.words.map(shellQuote);
  return [
    '#!/bin/bash',
    `cd ${shellQuote(script.outdir)} || exit 1`,
    ['LC_ALL=C exec env -i', ...env, ...command, ...redirections(script)].join(' '),
    '',
  ].join('\n');
}

// The shell redirections of a tool's stdin, stdout and stderr (paths relative to the output dir, or absolute).
export function redirections(script: ToolScript): string[] {
  return [
    ...(script.stdin === undefined ? [] : [`<${shellQuote(script.stdin)}`]),
    ...(script.stdout === undefined ? [] : [`>${shellQuote(script.stdout)}`]),
    ...(script.stderr === undefined ? [] : [`2>${shellQuote(script.stderr)}`]),
  ];
}
