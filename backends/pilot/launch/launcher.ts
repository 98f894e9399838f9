// What the fleet asks of every way of starting agents: start one, and learn when it is gone.
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AgentCommand {
  readonly server: string; // URL agents connect to
  readonly tokenFile: string;
  readonly jobs: number; // -j
  readonly cpus?: number | undefined;
  readonly memoryBytes?: number | undefined;
  readonly walltimeMs?: number | undefined;
  readonly idleTimeoutMs: number;
  readonly launchDir: string; // light tasks run here
  readonly monitorIntervalMs?: number | undefined; // agents measure each task (--monitor)
}

// How a launched agent ended: `ran` false when it never got going (the fleet gives up after several of those).
export interface AgentEnd {
  readonly ok: boolean;
  readonly detail: string; // exit code, scheduler state, where its log is
}

export interface LaunchedAgent {
  readonly name: string; // "agent-3", or the batch job id
  readonly ended: Promise<AgentEnd>;
  // Asks it to go: SIGTERM to a process (it drains), cancel for a batch job.
  stop(): void;
}

export interface AgentLauncher {
  readonly place: string;
  launch(index: number): Promise<LaunchedAgent>;
  // Ends every agent still there: waits up to graceMs for them to leave by themselves, then stops them.
  close(graceMs: number): Promise<void>;
  kill(): void;
}

// The `pipe agent` arguments for a command.
export function agentArgs(command: AgentCommand): string[] {
  const args = ['agent', '--server', command.server, '--token-file', command.tokenFile, '-j', String(command.jobs)];
  args.push('--idle-timeout', `${Math.ceil(command.idleTimeoutMs / 1000)}s`, '--dir', command.launchDir);
  if (command.cpus !== undefined) args.push('--cpus', String(command.cpus));
  if (command.memoryBytes !== undefined) args.push('--memory', String(command.memoryBytes));
  if (command.walltimeMs !== undefined) args.push('--walltime', `${Math.floor(command.walltimeMs / 1000)}s`);
  if (command.monitorIntervalMs !== undefined) args.push('--monitor', `${command.monitorIntervalMs}ms`);
  return args;
}

// The CLI entry point of this installation, which agents are started with: the bundle's `pipe.cjs` beside main.cjs,
// tsc's main.js, or the built bundle when this module runs from source (as under the test runner).
export function pipeMain(): string {
  const here = fileURLToPath(import.meta.url);
  if (basename(dirname(here)) === 'bundle') return join(dirname(here), 'pipe.cjs');
  const root = resolve(dirname(here), '..', '..', '..');
  return here.endsWith('.ts') ? join(root, 'dist', 'bundle', 'pipe.cjs') : join(root, 'ui', 'cli', 'main.js');
}
