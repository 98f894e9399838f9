// Pieces every command definition shares: option value parsers, the action wrapper, the unknown-option error.
import { type Command, InvalidArgumentError } from 'commander';
import { UsageError } from '../../../engine/errors.js';
import { closestMatch } from '../../../parsers/common/edit-distance.js';
import { reportError } from '../errors.js';

// Parses a positive integer option, naming the bad value.
export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`expected ${name} to be a positive integer, got "${value}"`);
    return n;
  };
}

// Parses a non-negative integer option, naming the bad value.
export function count(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidArgumentError(`expected ${name} to be a non-negative integer, got "${value}"`);
    return n;
  };
}

// Wraps a command's action: its module loads only when it runs, and any error becomes one printed line and an
// exit code (with its stack under --debug).
export function action<A extends unknown[]>(run: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      process.exitCode = await run(...args);
    } catch (error) {
      const debug = process.argv.includes('--debug');
      process.exitCode = reportError(error, debug, (line) => process.stderr.write(`${line}\n`));
    }
  };
}

// The error for an option a command does not have, with the closest one it has.
export function unknownOption(word: string, command: Command): UsageError {
  const names = command.options.flatMap((o) => [o.long, o.short]).filter((n): n is string => n !== undefined);
  const near = closestMatch(word.replace(/=.*/, ''), names);
  return new UsageError(`unknown option \`${word}\` for \`pipe ${command.name()}\``, {
    hint: near === undefined ? `see \`pipe ${command.name()} --help\`` : `did you mean \`${near}\`?`,
  });
}

// Collects a repeatable option's values.
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
