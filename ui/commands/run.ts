// `pipe run`: parse the workflow, open the store, start the backend, show progress, run, and exit with the outcome.
import { writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { basename, resolve, join } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { createEventBus } from '../../engine/events.js';
import { executeRun } from '../../engine/run.js';
import { openSqliteStore } from '../../engine/store/sqlite-store.js';
import { createBackend } from '../../backends/registry.js';
import { parse } from '../../parsers/index.js';
import { attachPlainPrinter } from '../progress/plain.js';
import { attachJsonLines } from '../progress/json-lines.js';
import { chooseView } from '../tui/choose-view.js';
import type { TaskOutputFile } from '../tui/task-output.js';
import { dagFormatOfFile, renderDag } from '../dag/render-dag.js';

export interface RunOptions {
  readonly resume?: true | string;
  readonly jobs?: number;
  readonly retries: number;
  readonly retryDelay: number;
  readonly keepGoing?: boolean;
  readonly template?: string;
  readonly capture?: boolean;
  readonly workDir: string;
  readonly backend: string;
  readonly quiet?: boolean;
  readonly logFormat: 'plain' | 'json';
  readonly progressInterval: number;
  readonly tui?: boolean;
  readonly plain?: boolean;
  readonly withTrace?: string;
  readonly withReport?: string;
  readonly withDag?: string;
}

// Runs the workflow in FILE from the current directory; resolves to the exit code.
export async function runCommand(file: string, raw: Record<string, unknown>, argv: readonly string[]): Promise<number> {
  const options = raw as unknown as RunOptions;
  if (!Number.isFinite(options.progressInterval) || options.progressInterval <= 0) {
    throw new UsageError(`expected --progress-interval to be a positive number of seconds, got "${String(raw.progressInterval)}"`);
  }
  const launchDir = process.cwd();
  const dagFormat = options.withDag === undefined ? undefined : dagFormatOfFile(options.withDag);
  if (options.withDag !== undefined && dagFormat === undefined) {
    throw new UsageError(`cannot tell the format of --with-dag "${options.withDag}"`, { hint: 'name it .dot, .mmd or .json' });
  }
  const workflow = await parse(resolve(file), { template: options.template, capture: options.capture === true });
  if (options.withDag !== undefined && dagFormat !== undefined) {
    writeFileSync(options.withDag, renderDag(workflow.graph, dagFormat, basename(workflow.file)));
  }
  const stateDir = join(launchDir, '.pipe');
  const store = openSqliteStore(stateDir);
  const stop = new AbortController();
  const kill = new AbortController();
  const bus = createEventBus();
  const view = chooseView(options, { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true }, process.env);
  let write = (line: string): void => void process.stderr.write(`${line}\n`);
  let detach: () => void | Promise<void>;
  let taskOutput: TaskOutputFile | undefined;
  if (view === 'tui') {
    // The live view owns the terminal: light tasks' output goes to a file it names.
    const [{ attachTui }, { openTaskOutput }] = await Promise.all([import('../tui/attach-tui.js'), import('../tui/task-output.js')]);
    taskOutput = options.backend === 'local' ? openTaskOutput(stateDir) : undefined;
    const expected = new Map<string, number>();
    workflow.graph.forEachNode((id, attrs) => void (attrs.source.total === undefined ? undefined : expected.set(id, attrs.source.total)));
    const tui = attachTui(bus, { stream: process.stderr, expected });
    write = tui.notice;
    detach = async () => {
      if (taskOutput?.written() === true) tui.notice(`task output: ${taskOutput.path}`);
      taskOutput?.close();
      await tui.detach();
    };
  } else if (view === 'json') detach = attachJsonLines(bus, write);
  else detach = attachPlainPrinter(bus, { write, intervalMs: options.progressInterval * 1000, quiet: options.quiet === true });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals === 1) {
      write(`pipe: ${signal} received: stopping, cancelling running tasks (send it again to kill them at once)`);
      stop.abort();
    } else {
      write(`pipe: ${signal} received again: killing running tasks`);
      kill.abort();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const jobs = options.jobs ?? availableParallelism();
  const backendConfig = taskOutput === undefined ? {} : { stdout: taskOutput.fd, stderr: taskOutput.fd };
  const backend = await createBackend(options.backend, { launchDir, jobs }, backendConfig);
  try {
    const outcome = await executeRun({
      workflow,
      launchDir,
      stateDir,
      workRoot: resolve(launchDir, options.workDir),
      store,
      backend,
      bus,
      limits: { jobs, cpus: Math.max(jobs, availableParallelism()), memoryBytes: totalmem() },
      retries: options.retries,
      retryDelayMs: options.retryDelay,
      keepGoing: options.keepGoing === true,
      resume: options.resume,
      argv,
      stop: stop.signal,
      kill: kill.signal,
    });
    await detach();
    if (options.withTrace !== undefined) {
      const { writeTraceFile } = await import('../trace/trace-file.js');
      writeTraceFile(store, outcome.runId, options.withTrace);
    }
    if (options.withReport !== undefined) {
      const { writeReport } = await import('../report/write-report.js');
      writeReport(store, outcome.runId, options.withReport);
    }
    return outcome.exitCode;
  } finally {
    await detach();
    await backend.close();
    store.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
