// Starts what a pilot run needs: the embedded server, then the launcher and fleet of agents its settings name.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../engine/errors.js';
import { DURATION_EXAMPLES, MEMORY_EXAMPLES, parseDuration, parseMemory } from '../../engine/units.js';
import type { PilotConfig } from './config.js';
import { DEFAULT_AGENTS, parseAgentSpec, type AgentSpec } from './launch/agent-spec.js';
import { createFleet, type Fleet } from './launch/fleet.js';
import type { AgentCommand, AgentLauncher } from './launch/launcher.js';
import { formatServerUrl, parseServerUrl } from './protocol/address.js';
import type { PilotServer } from './server/types.js';

export interface PilotSettings extends PilotConfig {
  readonly launchDir: string;
  readonly jobs?: number | undefined; // the run's -j: local agents share it
  readonly notice?: ((line: string) => void) | undefined; // lines for the user, e.g. how to start agents by hand
  readonly monitor?: { readonly intervalMs: number } | undefined; // the run measures tasks: agents do (--monitor)
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
  if (ms === undefined)
    throw new ConfigError(`Invalid duration for pilot option ${name}: "${value}"`, {
      hint: `write it as ${DURATION_EXAMPLES}`,
    });
  return ms;
}

// The settings read and checked: where agents go, how many, and each agent's size and times.
export interface PilotPlan {
  readonly spec: AgentSpec;
  readonly jobs: number; // -j of each agent
  readonly cpus?: number | undefined;
  readonly memoryBytes?: number | undefined;
  readonly walltimeMs?: number | undefined;
  readonly idleTimeoutMs: number;
  readonly staggerMs: number;
  readonly heartbeatMs?: number | undefined;
  readonly heartbeatTimeoutMs?: number | undefined;
}

// Reads the settings, throwing a ConfigError that names a bad one (the backend does this when it is created, so
// a bad option stops the run before anything starts).
export function planPilot(settings: PilotSettings): PilotPlan {
  const spec = parseAgentSpec(settings.agents ?? DEFAULT_AGENTS);
  const local = spec.place === 'local';
  const cpus = settings.agentCpus ?? (local ? undefined : 1);
  const memoryBytes = settings.agentMemory === undefined ? undefined : parseMemory(settings.agentMemory);
  if (settings.agentMemory !== undefined && memoryBytes === undefined) {
    throw new ConfigError(`Invalid size for pilot option agentMemory: "${settings.agentMemory}"`, {
      hint: `write it as ${MEMORY_EXAMPLES}`,
    });
  }
  return {
    spec,
    // A local agent runs -j tasks (default: the cores), as `pipe agent` does; a cluster agent one per cpu it asked for.
    jobs: settings.agentJobs ?? (local ? (settings.jobs ?? availableParallelism()) : (cpus ?? 1)),
    cpus,
    memoryBytes,
    walltimeMs: durationMs('walltime', settings.walltime),
    idleTimeoutMs: durationMs('idleTimeout', settings.idleTimeout) ?? DEFAULT_IDLE_MS,
    staggerMs: durationMs('stagger', settings.stagger) ?? (local ? 0 : CLUSTER_STAGGER_MS),
    heartbeatMs: durationMs('heartbeat', settings.heartbeat),
    heartbeatTimeoutMs: durationMs('heartbeatTimeout', settings.heartbeatTimeout),
  };
}

// Starts the server and the fleet (agents launch as tasks arrive).
export async function startPilot(
  settings: PilotSettings,
  plan: PilotPlan,
  runtime: PilotRuntime,
): Promise<{ server: PilotServer; fleet: Fleet }> {
  const { spec } = plan;
  const { createPilotServer } = await import('./server/index.js');
  const server = await createPilotServer({
    launchDir: settings.launchDir,
    db: settings.db ?? ':memory:',
    host: settings.host ?? '127.0.0.1',
    port: settings.port ?? 0,
    token: runtime.token,
    heartbeatMs: plan.heartbeatMs,
    heartbeatTimeoutMs: plan.heartbeatTimeoutMs,
    log: (event) => runtime.log(`${event.level} ${event.event}: ${event.message}`),
  });
  const bound = parseServerUrl(server.url);
  const url = settings.advertise === undefined ? server.url : formatServerUrl({ ...bound, host: settings.advertise });
  runtime.log(`server listening on ${server.url}; agents: ${settings.agents ?? DEFAULT_AGENTS}`);
  const command: AgentCommand = {
    server: url,
    tokenFile: runtime.tokenFile,
    jobs: plan.jobs,
    cpus: plan.cpus,
    memoryBytes: plan.memoryBytes,
    walltimeMs: plan.walltimeMs,
    idleTimeoutMs: plan.idleTimeoutMs,
    launchDir: settings.launchDir,
    monitorIntervalMs: settings.monitor?.intervalMs,
  };
  const launcher = await createLauncher(spec.place, settings, command, join(runtime.dir, 'agents'));
  if (spec.place === 'none') {
    settings.notice?.(
      `pipe: pilot server for this run: start agents with: pipe agent --server ${url} --token-file ${runtime.tokenFile}`,
    );
  }
  const fleet = createFleet({
    launcher,
    min: spec.min,
    max: spec.max,
    slotsPerAgent: plan.jobs,
    staggerMs: plan.staggerMs,
    demand: runtime.demand,
    onGiveUp: runtime.onGiveUp,
    onLog: runtime.log,
  });
  return { server, fleet };
}

// The launcher for a place; `none` launches nothing (agents are started by hand against the logged URL).
async function createLauncher(
  place: string,
  settings: PilotSettings,
  command: AgentCommand,
  logDir: string,
): Promise<AgentLauncher> {
  if (place === 'local') {
    const { createLocalLauncher } = await import('./launch/local-agents.js');
    const stdout = typeof settings.stdout === 'number' ? settings.stdout : (settings.stdout ?? 'inherit');
    return createLocalLauncher({ command, logDir, stdout });
  }
  if (place === 'slurm' || place === 'pbs') {
    const { createGridLauncher } = await import('./launch/grid-agents.js');
    const { createGridBackend } = await import('../grid/index.js');
    const scheduler =
      place === 'slurm'
        ? (await import('../slurm/index.js')).slurmScheduler
        : (await import('../pbs/index.js')).createPbsScheduler('torque');
    const site = { queue: settings.queue, account: settings.account, clusterOptions: settings.clusterOptions };
    const backend = createGridBackend(scheduler, {
      ...site,
      launchDir: settings.launchDir,
      arraySize: 1,
      batchWindowMs: 0,
      pollIntervalMs: 1_000,
    });
    return createGridLauncher({ place, backend, command, logDir });
  }
  return {
    place: 'none',
    launch: () => Promise.reject(new Error('agents are started by hand (--agents none)')),
    close: async () => {},
    kill: () => {},
  };
}
