// How `pipe run` shows progress: the live view on a terminal, else plain lines or JSON lines, on the event bus.
import type { EventBus } from '../../engine/events.js';
import type { WorkflowGraph } from '../../engine/graph.js';
import { attachJsonLines } from '../progress/json-lines.js';
import { attachPlainPrinter } from '../progress/plain.js';
import { chooseView } from '../tui/choose-view.js';
import type { TaskOutputFile } from '../tui/task-output.js';

export interface ViewOptions {
  readonly quiet?: boolean;
  readonly logFormat: 'plain' | 'json';
  readonly progressInterval: number;
  readonly tui?: boolean;
  readonly plain?: boolean;
  readonly logFile?: string; // every event as a JSON line in this file, besides the view
}

export interface AttachedView {
  // Prints a notice for the user (above the live view when it is on).
  write(line: string): void;
  detach(): Promise<void>;
  // Where light tasks' output goes while the live view owns the terminal (local backend only).
  readonly taskOutput?: TaskOutputFile | undefined;
  readonly live?: boolean; // the live view owns the terminal
}

// Attaches the view the options and the terminal call for, and the --log-file writer when asked.
export async function attachView(
  bus: EventBus,
  options: ViewOptions,
  workflow: WorkflowGraph,
  stateDir: string,
  backendName: string,
): Promise<AttachedView> {
  const closeLog =
    options.logFile === undefined
      ? undefined
      : await (await import('../progress/log-file.js')).attachLogFile(bus, options.logFile);
  const view = await attachTerminalView(bus, options, workflow, stateDir, backendName);
  if (closeLog === undefined) return view;
  return {
    ...view,
    detach: async () => {
      await view.detach();
      closeLog();
    },
  };
}

// Attaches the view the options and the terminal call for; the live view loads Ink only when chosen.
async function attachTerminalView(
  bus: EventBus,
  options: ViewOptions,
  workflow: WorkflowGraph,
  stateDir: string,
  backendName: string,
): Promise<AttachedView> {
  const view = chooseView(
    options,
    { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
    process.env,
  );
  const write = (line: string): void => void process.stderr.write(`${line}\n`);
  if (view === 'json') {
    const detach = attachJsonLines(bus, write);
    return { write, detach: async () => detach() };
  }
  if (view !== 'tui') {
    const detach = attachPlainPrinter(bus, {
      write,
      intervalMs: options.progressInterval * 1000,
      quiet: options.quiet === true,
    });
    return { write, detach: async () => detach() };
  }
  // The live view owns the terminal: light tasks' output goes to a file it names.
  const [{ attachTui }, { openTaskOutput }] = await Promise.all([
    import('../tui/attach-tui.js'),
    import('../tui/task-output.js'),
  ]);
  const taskOutput = backendName === 'local' ? openTaskOutput(stateDir) : undefined;
  const expected = new Map<string, number>();
  workflow.graph.forEachNode(
    (id, attrs) => void (attrs.source.total === undefined ? undefined : expected.set(id, attrs.source.total)),
  );
  const tui = attachTui(bus, { stream: process.stderr, expected });
  let detached = false;
  return {
    write: tui.notice,
    taskOutput,
    live: true,
    detach: async () => {
      if (detached) return;
      detached = true;
      if (taskOutput?.written() === true) tui.notice(`task output: ${taskOutput.path}`);
      taskOutput?.close();
      await tui.detach();
    },
  };
}
