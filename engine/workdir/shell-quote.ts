// Shell quoting for the scripts pipe writes: work-dir wrappers and light-task environment prefixes.
import { ConfigError } from '../errors.js';

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Quotes a word for bash and sh so it reaches the command unchanged.
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

// Renders `export NAME=value` lines for an environment, rejecting names a shell cannot export.
export function exportLines(env: Readonly<Record<string, string>> | undefined): string[] {
  if (env === undefined) return [];
  return Object.entries(env).map(([name, value]) => {
    if (!ENV_NAME.test(name)) {
      throw new ConfigError(`Invalid environment variable name \`${name}\``, {
        hint: 'Names must start with a letter or underscore and contain only letters, digits and underscores.',
      });
    }
    return `export ${name}=${shellQuote(value)}`;
  });
}
