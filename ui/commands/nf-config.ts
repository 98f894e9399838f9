// `pipe [-C FILE] [-c FILE] config [DIR|SCRIPT] [-profile a,b] [-a|-show-profiles]`: Nextflow's `nextflow config`,
// the configuration a pipeline's runs get, printed as Nextflow prints it (parsers/dsl/runtime/config/config-print.ts).
// `-C` files are read instead of the project's nextflow.config; `-c` files after it.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { printConfig } from '../../parsers/dsl/runtime/config/config-print.js';

const HELP = ['-h', '--help', '-help'];

export interface ConfigRequest {
  readonly only: string[]; // -C
  readonly extra: string[]; // -c
  readonly target?: string | undefined;
  readonly profiles: string[];
  all: boolean;
}

// The words of a `config` command line, or undefined when `argv` is another command.
export function configRequest(argv: readonly string[]): ConfigRequest | undefined {
  const request: ConfigRequest = { only: [], extra: [], profiles: [], all: false };
  let i = 0;
  for (; i < argv.length && argv[i] !== 'config'; i += 2) {
    const word = argv[i] as string;
    const value = argv[i + 1];
    if ((word !== '-C' && word !== '-c' && word !== '-config') || value === undefined) return undefined;
    (word === '-C' ? request.only : request.extra).push(...value.split(','));
  }
  if (argv[i] !== 'config') return undefined;
  const rest = argv.slice(i + 1);
  if (rest.some((word) => HELP.includes(word))) return undefined; // commander's `pipe config --help`
  let target: string | undefined;
  for (let j = 0; j < rest.length; j++) {
    const word = rest[j] as string;
    if (word === '-a' || word === '-show-profiles' || word === '--show-profiles') request.all = true;
    else if ((word === '-profile' || word === '--profile') && rest[j + 1] !== undefined)
      request.profiles.push(...(rest[++j] as string).split(','));
    else if (!word.startsWith('-') && target === undefined) target = word;
    else
      throw new UsageError(`\`pipe config\` does not take \`${word}\``, {
        hint: 'pipe config [DIR|SCRIPT] [-profile NAMES] [-a]',
      });
  }
  return { ...request, target, profiles: request.profiles.map((p) => p.trim()).filter((p) => p !== '') };
}

// Prints the configuration; resolves to the exit code.
export function nfConfigCommand(request: ConfigRequest, launchDir = process.cwd()): number {
  const target = resolve(launchDir, request.target ?? '.');
  const projectDir = existsSync(target) && statSync(target).isFile() ? dirname(target) : target;
  const base =
    request.only.length > 0
      ? request.only.map((f) => resolve(launchDir, f))
      : [...new Set([join(projectDir, 'nextflow.config'), join(launchDir, 'nextflow.config')])];
  const files = [...base, ...request.extra.map((f) => resolve(launchDir, f))];
  process.stdout.write(printConfig(files, request.profiles, request.all, launchDir));
  return 0;
}
