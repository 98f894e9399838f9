// Runs a small .nf script with the built CLI (`pipe -q run main.nf`) and returns its stdout, for the reference
// tests: each case is a script and the stdout Nextflow's documentation says it prints.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runPipe, scratchDir, type CliResult } from '../../../helpers/cli.js';

// Runs `script` (and any extra files) in a fresh directory, with `env` added to the environment; `args` follow the
// script on the command line.
export async function runScript(
  script: string,
  args: readonly string[] = [],
  files: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult & { dir: string }> {
  const dir = scratchDir({ 'main.nf': script });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const result = await runPipe(['-q', 'run', 'main.nf', ...args], dir, env);
  return { ...result, dir };
}

// The lines a run printed, in order, without the trailing empty line.
export function lines(stdout: string): string[] {
  return stdout.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
}
