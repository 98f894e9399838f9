// The gateway's pilot: an embedded `pipe server` with local agents for the launch directory (the default), or a
// client of the `pipe server` the shims were written for (`pipe shims DIR --server URL`), whose tasks' starts and
// ends are polled while jobs are active.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../engine/errors.js';
import { connectClient, type PilotClient } from '../client/pilot-client.js';
import type { NewTask, TaskRow } from '../protocol/messages.js';
import { generateToken, readTokenFile, resolveToken, writeTokenFile } from '../protocol/token.js';
import type { ServerTaskEvent } from '../server/types.js';
import type { ShimsConfig } from './shim-files.js';

export interface PilotLink {
  readonly url: string; // for `pipe tasks --server`
  submit(tasks: readonly NewTask[]): Promise<string[]>;
  cancel(ids: readonly string[]): Promise<void>;
  subscribe(listener: (event: ServerTaskEvent) => void): void;
  poke(): void; // tasks arrived: look at the agents needed
  close(): Promise<void>;
}

export interface LinkOptions {
  readonly jobs: number; // -j of the local agents
  readonly demand: () => number; // jobs pending or running
  readonly log: (line: string) => void;
}

// Connects to the pilot the config names, or starts one.
export function connectPilot(config: ShimsConfig, stateDir: string, options: LinkOptions): Promise<PilotLink> {
  return config.server === undefined ? embeddedPilot(config, stateDir, options) : remotePilot(config, options);
}

// A server in this process with one local agent of -j jobs, started as tasks arrive and leaving when idle.
async function embeddedPilot(config: ShimsConfig, stateDir: string, options: LinkOptions): Promise<PilotLink> {
  const { planPilot, startPilot } = await import('../pilot-start.js');
  const settings = {
    launchDir: config.launchDir,
    agents: 'local:1',
    agentJobs: options.jobs,
    // The cpus the agent offers its jobs: the cores, or as many as it runs jobs at once when -j says more, as a
    // Slurm node configured with more CPUs than its cores.
    agentCpus: Math.max(options.jobs, availableParallelism()),
    db: join(stateDir, 'queue.db'),
    stdout: 'ignore' as const,
  };
  const token = generateToken();
  const tokenFile = join(stateDir, 'pilot-token');
  writeTokenFile(tokenFile, token);
  const { server, fleet } = await startPilot(settings, planPilot(settings), {
    dir: join(stateDir, 'pilot'),
    token,
    tokenFile,
    demand: options.demand,
    onGiveUp: (reason) => options.log(`agents: ${reason}`),
    log: options.log,
  });
  return {
    url: server.url,
    submit: (tasks) => server.enqueue(tasks),
    cancel: (ids) => server.cancel(ids),
    subscribe: (listener) => server.subscribe(listener),
    poke: () => fleet.poke(),
    async close() {
      server.end('the shims gateway is leaving');
      await fleet.stop(10_000);
      await server.close();
    },
  };
}

// A client of an existing server: submits, cancels, and polls the active tasks' rows once a second while there are
// any, reporting starts and ends as the embedded server would.
async function remotePilot(config: ShimsConfig, options: LinkOptions): Promise<PilotLink> {
  const url = config.server!;
  const token = config.tokenFile === undefined ? resolveToken(undefined) : readTokenFile(config.tokenFile);
  if (token === undefined)
    throw new UsageError(`no token to present to the pilot server at ${url}`, {
      hint: 'give its token file to `pipe shims --server URL --token-file FILE`, or set PIPE_TOKEN',
    });
  const client: PilotClient = await connectClient(url, token);
  const listeners: ((event: ServerTaskEvent) => void)[] = [];
  const gateway = generateToken().slice(0, 12); // tags this gateway's tasks on a shared server
  const watched = new Map<string, { started: boolean; job: string }>();
  const emit = (event: ServerTaskEvent): void => listeners.forEach((l) => l(event));
  // Reports what changed for the watched tasks since the last look.
  const look = async (): Promise<void> => {
    if (watched.size === 0) return;
    const rows = new Map<string, TaskRow>();
    for (const state of ['queued', 'running'] as const) {
      const { tasks } = await client.query({ state, tags: { gateway }, limit: 100_000 });
      for (const row of tasks) rows.set(row.id, row);
    }
    for (const [id, seen] of watched) {
      const row = rows.get(id);
      if (row?.state === 'running' && !seen.started) {
        seen.started = true;
        emit({ type: 'started', id, agent: row.agent ?? '?', at: row.startedAt ?? Date.now() });
      } else if (row === undefined) {
        watched.delete(id);
        const { tasks } = await client.query({ tags: { gateway, job: seen.job }, limit: 1 });
        const last = tasks[0];
        if (!seen.started && last?.startedAt !== undefined)
          emit({ type: 'started', id, agent: last.agent ?? '?', at: last.startedAt });
        emit({
          type: 'completed',
          id,
          result: {
            id,
            attempt: last?.attempt ?? 1,
            exitCode: last?.exitCode ?? null,
            endedAt: last?.endedAt ?? Date.now(),
            reason: last?.state === 'cancelled' ? 'cancelled' : undefined,
          },
        });
      }
    }
  };
  let looking = false;
  const timer = setInterval(() => {
    if (looking) return;
    looking = true;
    look()
      .catch((error: Error) => options.log(`polling ${url}: ${error.message}`))
      .finally(() => (looking = false));
  }, 1000);
  return {
    url,
    async submit(tasks) {
      const ids = await client.submit(tasks.map((t) => ({ ...t, tags: { ...t.tags, gateway } })));
      ids.forEach((id, i) => watched.set(id, { started: false, job: tasks[i]?.tags?.job ?? '' }));
      return ids;
    },
    cancel: (ids) => client.cancel(ids),
    subscribe: (listener) => void listeners.push(listener),
    poke: () => undefined,
    async close() {
      clearInterval(timer);
      client.close();
    },
  };
}
