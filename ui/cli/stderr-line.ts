// The command line's one sink for lines meant for the user that are not a command's result: stderr.

// Writes one line to stderr.
export function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}
