// What a `.nf` run adds around `pipe run`: the script's console (stdout, or lines above the live view) and the
// .nextflow.log in the launch directory, which also gets the script's log messages.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { EventBus } from '../../engine/events.js';
import { EarlyExit, PipeError } from '../../engine/errors.js';
import type { Store } from '../../engine/store/store.js';
import { cacheHashMessages } from './dump-hashes.js';
import type { ScriptConsole } from '../../parsers/options.js';
import { STANDARD_CONSOLE } from '../cli/script-console.js';
import { openNextflowLog, type NextflowLog } from './nextflow-log.js';
import { attachTaskLines } from './task-lines.js';
import { agentMode, attachAgentLines } from './agent-lines.js';

export interface DslRunOutput {
  readonly console: ScriptConsole;
  // From now on, whole lines of printed text go to `write` (the live view's notices) instead of stdout; undefined:
  // back to stdout.
  showAbove(write: ((line: string) => void) | undefined): void;
  // True under NXF_AGENT_MODE: stdout gets agent lines (agent-lines.ts) instead of a progress view.
  readonly agent: boolean;
  // Follows the run on the bus into .nextflow.log, and into agent lines on stdout under NXF_AGENT_MODE.
  follow(bus: EventBus, run: { readonly workRoot: string; readonly profile?: string | undefined }): void;
  // Writes each task's cache key and its parts to the log (`-dump-hashes`; `json` as JSON).
  dumpHashes(store: Store, runId: string, json: boolean): void;
  // Reports the error that ended the run as Nextflow does: in the log, and on stdout when stdout is not a terminal
  // (a terminal gets pipe's own error line on stderr alone).
  fail(error: unknown): void;
  // Prints what is left of a partial line and closes the log.
  close(): void;
}

// Nextflow's error report: `ERROR ~ message`, then where to look (the script's line, when the error names one).
export function errorReport(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = error instanceof PipeError ? error.location : undefined;
  const look =
    at?.line === undefined || !at.file.endsWith('.nf')
      ? "Check '.nextflow.log' file for details"
      : `Check script '${at?.file}' at line: ${at.line} or see '.nextflow.log' file for more details`;
  return `ERROR ~ ${message}\n\n -- ${look}\n`;
}

const LEVELS = { info: 'INFO', warn: 'WARN', error: 'ERROR' } as const;

// Opens .nextflow.log in `launchDir` for the script `file` (as named on the command line) run with `argv`.
export function startDslRun(file: string, absolute: string, launchDir: string, argv: readonly string[]): DslRunOutput {
  const log: NextflowLog = openNextflowLog(launchDir);
  log.write('DEBUG', 'main', 'nextflow.cli.Launcher', `$> nextflow ${argv.join(' ')}`);
  const agent = agentMode(process.env);
  let above: ((line: string) => void) | undefined;
  let partial = '';
  let stop: (() => void) | undefined;
  const out = (text: string): void => {
    if (above === undefined) {
      STANDARD_CONSOLE.out(text);
      return;
    }
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) above(line);
  };
  return {
    console: {
      out,
      log(level, message) {
        log.write(LEVELS[level], 'main', 'nextflow.script.BaseScript', message);
        if (above === undefined) STANDARD_CONSOLE.log(level, message);
        else above(level === 'info' ? message : `${LEVELS[level]}: ${message}`);
      },
      record(level, thread, logger, message) {
        log.write(level, thread, logger, message);
      },
    },
    showAbove(write) {
      if (partial !== '') above?.(partial);
      partial = '';
      above = write;
    },
    agent,
    follow(bus, run) {
      const revision = createHash('sha256').update(readFileSync(absolute)).digest('hex').slice(0, 10);
      const stopLog = attachTaskLines(bus, log, { script: file, revision });
      const agentRun = { pipeline: basename(file), profile: run.profile, workRoot: run.workRoot };
      const stopAgent = agent ? attachAgentLines(bus, agentRun, (line) => out(`${line}\n`)) : undefined;
      stop = () => {
        stopLog();
        stopAgent?.();
      };
    },
    dumpHashes(store, runId, json) {
      for (const message of cacheHashMessages(store, runId, json))
        log.write('INFO', 'Task-monitor', 'nextflow.processor.TaskProcessor', message);
    },
    fail(error) {
      if (error instanceof EarlyExit) return;
      const report = errorReport(error);
      log.write('ERROR', 'main', 'nextflow.cli.Launcher', report.trimEnd());
      if (!process.stdout.isTTY) out(report);
    },
    close() {
      if (partial !== '') above?.(partial);
      partial = '';
      stop?.();
      log.close();
    },
  };
}
