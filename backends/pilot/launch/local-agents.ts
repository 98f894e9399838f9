// Agents as processes on this machine (`--agents local:N`): each a `pipe agent` child with its own log file.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { agentArgs, pipeMain, type AgentCommand, type AgentEnd, type AgentLauncher } from './launcher.js';

export interface LocalLauncherOptions {
  readonly command: AgentCommand;
  readonly logDir: string; // agent-N.log files
  readonly stdout: 'inherit' | 'ignore' | number; // where light tasks' output goes
}

// Creates the launcher of local agent processes.
export function createLocalLauncher(opts: LocalLauncherOptions): AgentLauncher {
  const children = new Map<ChildProcess, Promise<AgentEnd>>();
  mkdirSync(opts.logDir, { recursive: true });

  // Signals every agent process still running.
  const signalAll = (signal: NodeJS.Signals): void => {
    for (const child of children.keys()) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    }
  };

  return {
    place: 'local',
    async launch(index) {
      const log = join(opts.logDir, `agent-${index}.log`);
      const logFd = openSync(log, 'a');
      const child = spawn(process.execPath, [pipeMain(), ...agentArgs(opts.command)], {
        cwd: opts.command.launchDir,
        stdio: ['ignore', opts.stdout, logFd],
      });
      closeSync(logFd);
      const ended = new Promise<AgentEnd>((resolve) => {
        child.once('error', (error) => resolve({ ok: false, detail: `could not start: ${error.message}` }));
        child.once('exit', (code, signal) => {
          children.delete(child);
          const how = signal === null ? `exit ${code}` : `signal ${signal}`;
          resolve({ ok: code === 0, detail: `${how} (log: ${log})` });
        });
      });
      children.set(child, ended);
      return { name: `agent-${index}`, ended, stop: () => child.kill('SIGTERM') };
    },
    async close(graceMs) {
      const pending = [...children.values()];
      if (pending.length === 0) return;
      const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
      if ((await Promise.race([Promise.all(pending), timer])) === 'late') {
        signalAll('SIGTERM');
        const kill = setTimeout(() => signalAll('SIGKILL'), 5_000);
        await Promise.all(pending);
        clearTimeout(kill);
      }
    },
    kill() {
      signalAll('SIGKILL');
    },
  };
}
