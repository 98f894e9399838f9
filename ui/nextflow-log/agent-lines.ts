// Nextflow's agent output (NXF_AGENT_MODE=true): instead of progress, a few structured lines on stdout for a program
// (an AI agent, a script) that reads the run: `[PIPELINE] name | profile=P`, `[WORKDIR] dir`, `[PROCESS ab/123456]
// NAME (tag)` per task submitted, `[WARN] …` once per warning, `[ERROR] NAME` with `exit:`, `cmd:`, `stderr:` (or
// `stdout:`) and `workdir:` per failed task, and `[SUCCESS|FAILED] completed=N failed=N cached=N` at the end.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventBus, TaskStateEvent } from '../../engine/events.js';
import { hashLog, taskName } from './task-lines.js';

export interface AgentRun {
  readonly pipeline: string; // the manifest's name, else the script's
  readonly profile: string | undefined;
  readonly workRoot: string;
}

// Whether the environment asks for agent output.
export function agentMode(env: NodeJS.ProcessEnv): boolean {
  return ['true', '1', 'yes', 'on'].includes((env.NXF_AGENT_MODE ?? '').trim().toLowerCase());
}

// The last `count` lines of a task's file, or undefined when it is missing or empty.
function lastLines(file: string, count: number): string[] | undefined {
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? undefined : lines.slice(-count);
}

// The lines telling why a task failed: its name, exit status, command, the end of its stderr (or stdout), work dir.
function errorLines(name: string, event: TaskStateEvent): string[] {
  const out = [`[ERROR] ${name}`];
  if (event.exitCode !== undefined) out.push(`exit: ${event.exitCode}`);
  const workDir = event.workDir;
  if (workDir === undefined) return event.reason === undefined ? out : [...out, `reason: ${event.reason}`];
  const script = existsSync(join(workDir, '.command.sh')) ? readFileSync(join(workDir, '.command.sh'), 'utf8') : '';
  const body = script.replace(/^#!.*\n/, '').trim();
  if (body !== '') out.push(`cmd: ${(body.length > 200 ? `${body.slice(0, 200)}...` : body).replace(/\s+/g, ' ')}`);
  const stderr = lastLines(join(workDir, '.command.err'), 10);
  const stdout = stderr === undefined ? lastLines(join(workDir, '.command.out'), 5) : undefined;
  if (stderr !== undefined) out.push(`stderr: ${stderr.join(' | ')}`);
  if (stdout !== undefined) out.push(`stdout: ${stdout.join(' | ')}`);
  out.push(`workdir: ${workDir}`);
  return out;
}

// Writes the agent lines of a run through `write` (one line per call) as its events arrive; returns the unsubscribe.
export function attachAgentLines(bus: EventBus, run: AgentRun, write: (line: string) => void): () => void {
  const names = new Map<string, string>();
  const warned = new Set<string>();
  return bus.subscribe((event) => {
    switch (event.type) {
      case 'run.started':
        for (const step of event.steps) names.set(step.id, step.name);
        write(`[PIPELINE] ${run.pipeline} | profile=${run.profile ?? 'standard'}`);
        write(`[WORKDIR] ${run.workRoot}`);
        return;
      case 'run.warning': {
        const message = event.message.trim().replace(/\s+/g, ' ');
        if (!warned.has(message)) write(`[WARN] ${message}`);
        warned.add(message);
        return;
      }
      case 'run.finished': {
        const { succeeded, failed, cached } = event.counts;
        const status = failed > 0 || event.status !== 'succeeded' ? 'FAILED' : 'SUCCESS';
        write(`\n[${status}] completed=${succeeded + failed} failed=${failed} cached=${cached}`);
        return;
      }
      case 'task.state':
        if (event.to === 'submitted') write(`[PROCESS ${hashLog(event.workDir)}] ${taskName(names, event)}`);
        if (event.to === 'failed') for (const line of errorLines(taskName(names, event), event)) write(line);
        return;
      default:
        return;
    }
  });
}
