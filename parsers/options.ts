// Options every workflow parser accepts.

export interface ParseOptions {
  // A command with GNU parallel replacement strings; each line of a text task list becomes its argument.
  readonly template?: string | undefined;
  // Run each line of a text task list in its own work dir (not light), keeping its output files.
  readonly capture?: boolean | undefined;
}
