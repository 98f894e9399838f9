// Quoting values so a POSIX shell passes them to a command as one word.

const SAFE = /^[\w@%+=:,./-]+$/;

// The value as one shell word: unchanged when it has no special characters, single-quoted otherwise.
export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
