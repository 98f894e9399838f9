// The agents of a run: launches them as the queue needs them, between a minimum and a maximum, one per stagger
// interval; idle agents leave by themselves (their idle timeout), which is how the fleet shrinks.
import type { AgentLauncher, LaunchedAgent } from './launcher.js';

export interface FleetOptions {
  readonly launcher: AgentLauncher;
  readonly min: number;
  readonly max: number;
  readonly slotsPerAgent: number;
  readonly staggerMs: number;
  readonly demand: () => number; // tasks queued or running at the server
  readonly onGiveUp: (reason: string) => void; // agents keep failing to start: the run cannot go on
  readonly onLog?: ((line: string) => void) | undefined;
  readonly tickMs?: number | undefined; // how often demand is looked at (default 1 s)
  readonly maxFailures?: number | undefined; // launches in a row that fail before giving up (default 3)
}

export interface Fleet {
  // Looks at the demand now (the backend calls it when tasks arrive).
  poke(): void;
  readonly alive: number;
  stop(graceMs: number): Promise<void>;
  kill(): void;
}

// Agents wanted for a demand: enough for every task to have a slot, within [min, max]; none without work.
export function wantedAgents(demand: number, min: number, max: number, slotsPerAgent: number): number {
  if (demand <= 0) return 0;
  return Math.min(max, Math.max(min, Math.ceil(demand / Math.max(1, slotsPerAgent))));
}

// Creates the fleet; nothing starts until the first poke.
export function createFleet(opts: FleetOptions): Fleet {
  const agents = new Set<LaunchedAgent>();
  const maxFailures = opts.maxFailures ?? 3;
  let launching = 0;
  let launched = 0;
  let failures = 0;
  let nextLaunchAt = 0;
  let stopped = false;
  let gaveUp = false;
  let timer: NodeJS.Timeout | undefined;
  let staggerTimer: NodeJS.Timeout | undefined;

  // Launches one agent and watches for its end: a failure counts towards giving up, any end re-checks demand.
  const launchOne = async (): Promise<void> => {
    launching += 1;
    launched += 1;
    const index = launched;
    try {
      const agent = await opts.launcher.launch(index);
      agents.add(agent);
      opts.onLog?.(`pilot: started ${agent.name}`);
      void agent.ended.then((end) => {
        agents.delete(agent);
        opts.onLog?.(`pilot: ${agent.name} ended: ${end.detail}`);
        failures = end.ok ? 0 : failures + 1;
        if (!end.ok && failures >= maxFailures && !stopped && !gaveUp) {
          gaveUp = true;
          opts.onGiveUp(`${failures} pilot agents in a row ended in failure; the last: ${end.detail}`);
          return;
        }
        check();
      });
    } catch (error) {
      failures += 1;
      opts.onLog?.(`pilot: could not launch agent ${index}: ${(error as Error).message}`);
      if (failures >= maxFailures && !gaveUp) {
        gaveUp = true;
        opts.onGiveUp(`could not launch pilot agents: ${(error as Error).message}`);
      }
    } finally {
      launching -= 1;
    }
  };

  // Launches one more agent when fewer are there than wanted, at most one per stagger interval.
  const check = (): void => {
    if (stopped || gaveUp) return;
    const wanted = wantedAgents(opts.demand(), opts.min, opts.max, opts.slotsPerAgent);
    if (agents.size + launching >= wanted) return;
    const wait = nextLaunchAt - Date.now();
    if (wait > 0) {
      staggerTimer ??= setTimeout(() => {
        staggerTimer = undefined;
        check();
      }, wait);
      return;
    }
    nextLaunchAt = Date.now() + opts.staggerMs;
    void launchOne().then(check);
  };

  return {
    poke() {
      if (stopped) return;
      timer ??= setInterval(check, opts.tickMs ?? 1_000);
      check();
    },
    get alive() {
      return agents.size;
    },
    async stop(graceMs) {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      if (staggerTimer !== undefined) clearTimeout(staggerTimer);
      await opts.launcher.close(graceMs);
    },
    kill() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      if (staggerTimer !== undefined) clearTimeout(staggerTimer);
      opts.launcher.kill();
    },
  };
}
