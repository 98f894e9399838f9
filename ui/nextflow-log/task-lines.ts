// The lines of .nextflow.log that follow a run on the event bus: launch, each task submitted, re-submitted, reused,
// ignored or failed, and completion, in Nextflow's words.
import { basename, dirname } from 'node:path';
import type { EventBus, TaskStateEvent } from '../../engine/events.js';
import type { NextflowLog } from './nextflow-log.js';

export interface LaunchInfo {
  readonly script: string; // the script as named on the command line
  readonly revision: string; // the first ten hex digits of the script's content hash
}

// Nextflow's short task hash `ab/123456` from a work dir `…/ab/123456…` (a task without one: `-`).
export function hashLog(workDir: string | undefined): string {
  if (workDir === undefined) return '-';
  return `${basename(dirname(workDir))}/${basename(workDir).slice(0, 6)}`;
}

// Nextflow's task name: the process's name, then its tag (or its index) in parentheses.
export function taskName(names: ReadonlyMap<string, string>, event: TaskStateEvent): string {
  const name = names.get(event.stepId) ?? event.stepId;
  return event.tag === undefined ? name : `${name} (${event.tag})`;
}

// Why an attempt failed, as Nextflow says it.
function failure(name: string, event: TaskStateEvent): string {
  if (event.exitCode !== undefined && event.exitCode !== 0)
    return `Process \`${name}\` terminated with an error exit status (${event.exitCode})`;
  return `Process \`${name}\` failed: ${event.reason ?? 'no reason given'}`;
}

// Writes the run's lines into `log` as its events arrive; returns the function that stops.
export function attachTaskLines(bus: EventBus, log: NextflowLog, launch: LaunchInfo): () => void {
  const names = new Map<string, string>();
  const failed = new Map<string, TaskStateEvent>(); // the last failed attempt of each task, until it is retried
  return bus.subscribe((event) => {
    if (event.type === 'run.started') {
      for (const step of event.steps) names.set(step.id, step.name);
      log.write(
        'INFO',
        'main',
        'nextflow.cli.CmdRun',
        `Launching \`${launch.script}\` [${event.runId}] DSL2 - revision: ${launch.revision}`,
        event.time,
      );
      if (event.resumedFrom !== undefined)
        log.write('DEBUG', 'main', 'nextflow.Session', `Resuming run ${event.resumedFrom}`, event.time);
      return;
    }
    if (event.type === 'run.finished') {
      for (const last of failed.values()) {
        const name = taskName(names, last);
        const message = `Error executing process > '${name}'\n\nCaused by:\n  ${failure(name, last)}`;
        log.write('ERROR', 'Task monitor', 'nextflow.processor.TaskProcessor', message, event.time);
      }
      log.write('DEBUG', 'main', 'nextflow.script.ScriptRunner', '> Execution complete -- Goodbye', event.time);
      return;
    }
    if (event.type !== 'task.state') return;
    const name = taskName(names, event);
    const hash = hashLog(event.workDir);
    switch (event.to) {
      case 'submitted': {
        const previous = failed.get(event.taskId);
        failed.delete(event.taskId);
        if (previous !== undefined) {
          const note = `[${hashLog(previous.workDir)}] NOTE: ${failure(name, previous)} -- Execution is retried (${previous.attempt})`;
          log.write('INFO', 'Task monitor', 'nextflow.processor.TaskProcessor', note, event.time);
        }
        const what = event.attempt > 1 ? 'Re-submitted process' : 'Submitted process';
        log.write('INFO', 'Task submitter', 'nextflow.Session', `[${hash}] ${what} > ${name}`, event.time);
        return;
      }
      case 'cached':
        log.write('INFO', 'Actor Thread 1', 'nextflow.processor.TaskProcessor', `[${hash}] Cached process > ${name}`);
        return;
      case 'succeeded':
        log.write('DEBUG', 'Task monitor', 'nextflow.processor.TaskPollingMonitor', `Task completed > ${name}`);
        return;
      case 'failed':
        if (event.reason?.includes('(ignored:') === true) {
          const note = `[${hash}] NOTE: ${failure(name, event)} -- Error is ignored`;
          log.write('INFO', 'Task monitor', 'nextflow.processor.TaskProcessor', note, event.time);
        } else failed.set(event.taskId, event);
        return;
      default:
        return;
    }
  });
}
