// Which progress view `pipe run` shows: the live terminal view, plain lines, or JSON lines.

export type ProgressView = 'tui' | 'plain' | 'json';

export interface ViewChoice {
  readonly logFormat: 'plain' | 'json';
  readonly quiet?: boolean | undefined;
  readonly plain?: boolean | undefined;
  readonly tui?: boolean | undefined;
}

// JSON lines when asked; plain lines with --plain or --quiet, on a dumb terminal, or when stdout or stderr is
// not a terminal (output piped, redirected or in CI); the live view otherwise, or whenever --tui asks for it.
export function chooseView(
  choice: ViewChoice,
  ttys: { readonly stdout: boolean; readonly stderr: boolean },
  env: NodeJS.ProcessEnv,
): ProgressView {
  if (choice.logFormat === 'json') return 'json';
  if (choice.quiet === true || choice.plain === true) return 'plain';
  if (choice.tui === true) return 'tui';
  if (!ttys.stdout || !ttys.stderr || env.TERM === 'dumb') return 'plain';
  return 'tui';
}
