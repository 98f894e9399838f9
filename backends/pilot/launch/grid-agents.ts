// Agents as batch jobs (`--agents slurm:N`, `pbs:N`): each agent is one job submitted through the grid backend,
// with the agents' cpus, memory and walltime as its resources; the agent inside drains before the walltime ends.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend, JobStatus } from '../../../engine/backend.js';
import { shellQuote } from '../../../engine/workdir/shell-quote.js';
import { agentArgs, pipeMain, type AgentCommand, type AgentEnd, type AgentLauncher } from './launcher.js';

export interface GridLauncherOptions {
  readonly place: 'slurm' | 'pbs';
  readonly backend: Backend; // a grid backend for the agent jobs
  readonly command: AgentCommand;
  readonly logDir: string;
  readonly pollIntervalMs?: number | undefined; // how often job states are read (default 2 s)
}

// Creates the launcher of agent batch jobs.
export function createGridLauncher(opts: GridLauncherOptions): AgentLauncher {
  const live = new Map<string, (end: AgentEnd) => void>(); // job id → resolves its `ended`
  const native = new Map<string, string>(); // job id → the scheduler's job id, once known
  const pollMs = opts.pollIntervalMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  mkdirSync(opts.logDir, { recursive: true });

  // Reads the states of the live jobs and settles those that ended.
  const poll = async (): Promise<void> => {
    if (polling || live.size === 0) return;
    polling = true;
    try {
      const states = await opts.backend.poll([...live.keys()]);
      for (const [id, status] of states) settle(id, status);
    } catch {
      // a failed status query is retried on the next tick
    } finally {
      polling = false;
    }
  };
  // Remembers a job's scheduler id, and resolves its `ended` once it completed.
  const settle = (id: string, status: JobStatus): void => {
    if (status.state !== 'completed') {
      if (status.state !== 'unknown' && status.nativeId !== undefined) native.set(id, status.nativeId);
      return;
    }
    const resolve = live.get(id);
    if (resolve === undefined) return;
    live.delete(id);
    const why = status.reason === undefined ? '' : `, ${status.reason}`;
    const job = native.get(id) ?? id;
    native.delete(id);
    resolve({ ok: status.exitCode === 0, detail: `${opts.place} job ${job}: exit ${status.exitCode ?? 'none'}${why}` });
  };

  return {
    place: opts.place,
    async launch(index) {
      const log = join(opts.logDir, `agent-${index}.log`);
      const argv = [process.execPath, pipeMain(), ...agentArgs(opts.command)].map(shellQuote).join(' ');
      const cpus = opts.command.cpus ?? opts.command.jobs;
      const id = await opts.backend.submit(
        {
          id: `pilot-agent-${index}`,
          name: `pilot agent ${index}`,
          stepName: 'pilot-agent',
          light: true,
          command: `exec ${argv} 2>>${shellQuote(log)}`,
          cpus,
          memoryBytes: opts.command.memoryBytes,
          timeLimitMs: opts.command.walltimeMs,
        },
        new AbortController().signal,
      );
      const ended = new Promise<AgentEnd>((resolve) => live.set(id, resolve));
      timer ??= setInterval(() => void poll(), pollMs);
      return { name: `agent-${index}`, ended, stop: () => void opts.backend.cancel([id]) };
    },
    async close(graceMs) {
      const deadline = Date.now() + graceMs;
      while (live.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, 500)));
        await poll();
      }
      if (timer !== undefined) clearInterval(timer);
      const left = [...live.keys()];
      if (left.length > 0) await opts.backend.cancel(left);
      for (const resolve of live.values()) resolve({ ok: true, detail: 'cancelled when the run ended' });
      live.clear();
      await opts.backend.close();
    },
    kill() {
      if (timer !== undefined) clearInterval(timer);
      void opts.backend.cancel([...live.keys()]);
    },
  };
}
