// Starts what a pilot run needs: the embedded server, then the launcher and fleet of agents its settings name.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../engine/errors.js';
import { parseDuration, parseMemory } from '../../parsers/common/units.js';
import type { PilotConfig } from './config.js';
import { DEFAULT_AGENTS, parseAgentSpec } from './launch/agent-spec.js';
import { createFleet, type Fleet } from './launch/fleet.js';
import type { AgentCommand, AgentLauncher } from './launch/launcher.js';
import { formatServerUrl, parseServerUrl } from './protocol/address.js';
import type { PilotServer } from './server/types.js';

export interface PilotSettings extends PilotConfig {
  readonly launchDir: string;
  readonly jobs?: number | undefined; // the run's -j: local agents share it
}

export interface PilotRuntime {
  readonly dir: string; // this run's .pipe/pilot/<id>/: token, logs
  readonly token: string;
  readonly tokenFile: string;
  readonly demand: () => number;
  readonly onGiveUp: (reason: string) => void;
  readonly log: (line: string) => void;
}

const DEFAULT_IDLE_MS = 60_000;
const CLUSTER_STAGGER_MS = 1_000;

// A duration option in ms, naming the option when it does not parse.
function durationMs(name: string, value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined) throw new ConfigError(`Invalid duration for pilot option ${name}: "${value}"`, { hint: 'e.g. 90s, 15m, 2h or 01:30:00' });
  return ms;
}

// Starts the server and the fleet (agents launch as tasks arrive).
export async function startPilot(settings: PilotSettings, runtime: PilotRuntime): Promise<{ server: PilotServer; fleet: Fleet }> {
  const spec = parseAgentSpec(settings.agents ?? DEFAULT_AGENTS);
  const heartbeatMs = durationMs('heartbeat', settings.heartbeat);
  const { createPilotServer } = await import('./server/index.js');
  const server = await createPilotServer({
    launchDir: settings.launchDir,
    db: settings.db ?? ':memory:',
    host: settings.host ?? '127.0.0.1',
    port: settings.port ?? 0,
    token: runtime.token,
    heartbeatMs,
    heartbeatTimeoutMs: durationMs('heartbeatTimeout', settings.heartbeatTimeout),
    log: (event) => runtime.log(`${event.level} ${event.event}: ${event.message}`),
  });
  const bound = parseServerUrl(server.url);
  const url = settings.advertise === undefined ? server.url : formatServerUrl({ ...bound, host: settings.advertise });
  runtime.log(`server listening on ${server.url}; agents: ${settings.agents ?? DEFAULT_AGENTS}`);
  const local = spec.place === 'local';
  const agentCpus = settings.agentCpus ?? (local ? undefined : 1);
  // A local agent runs -j tasks (default: the cores), as `pipe agent` does; a cluster agent one per cpu it asked for.
  const jobs = settings.agentJobs ?? (local ? (settings.jobs ?? availableParallelism()) : (agentCpus ?? 1));
  const memory = settings.agentMemory === undefined ? undefined : parseMemory(settings.agentMemory);
  if (settings.agentMemory !== undefined && memory === undefined) {
    throw new ConfigError(`Invalid size for pilot option agentMemory: "${settings.agentMemory}"`, { hint: 'e.g. 4GB or 512 MB' });
  }
  const command: AgentCommand = {
    server: url,
    tokenFile: runtime.tokenFile,
    jobs,
    cpus: agentCpus,
    memoryBytes: memory,
    walltimeMs: durationMs('walltime', settings.walltime),
    idleTimeoutMs: durationMs('idleTimeout', settings.idleTimeout) ?? DEFAULT_IDLE_MS,
    launchDir: settings.launchDir,
  };
  const launcher = await createLauncher(spec.place, settings, command, join(runtime.dir, 'agents'));
  if (spec.place === 'none') {
    process.stderr.write(`pipe: pilot server for this run: start agents with: pipe agent --server ${url} --token-file ${runtime.tokenFile}\n`);
  }
  const fleet = createFleet({
    launcher,
    min: spec.min,
    max: spec.max,
    slotsPerAgent: jobs,
    staggerMs: durationMs('stagger', settings.stagger) ?? (local ? 0 : CLUSTER_STAGGER_MS),
    demand: runtime.demand,
    onGiveUp: runtime.onGiveUp,
    onLog: runtime.log,
  });
  return { server, fleet };
}

// The launcher for a place; `none` launches nothing (agents are started by hand against the logged URL).
async function createLauncher(place: string, settings: PilotSettings, command: AgentCommand, logDir: string): Promise<AgentLauncher> {
  if (place === 'local') {
    const { createLocalLauncher } = await import('./launch/local-agents.js');
    const stdout = typeof settings.stdout === 'number' ? settings.stdout : (settings.stdout ?? 'inherit');
    return createLocalLauncher({ command, logDir, stdout });
  }
  if (place === 'slurm' || place === 'pbs') {
    const { createGridLauncher } = await import('./launch/grid-agents.js');
    const { createGridBackend } = await import('../grid/index.js');
    const scheduler =
      place === 'slurm' ? (await import('../slurm/index.js')).slurmScheduler : (await import('../pbs/index.js')).createPbsScheduler('torque');
    const site = { queue: settings.queue, account: settings.account, clusterOptions: settings.clusterOptions };
    const backend = createGridBackend(scheduler, { ...site, launchDir: settings.launchDir, arraySize: 1, batchWindowMs: 0, pollIntervalMs: 1_000 });
    return createGridLauncher({ place, backend, command, logDir });
  }
  return { place: 'none', launch: () => Promise.reject(new Error('agents are started by hand (--agents none)')), close: async () => {}, kill: () => {} };
}
