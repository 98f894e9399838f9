// How many tasks an agent asks for: an exponentially weighted average of task durations sets how many tasks
// per slot it keeps at hand, so that short tasks never leave a slot waiting for a round trip to the server and
// long ones spread over agents (one per free slot).

// The time a bundle should keep every slot busy for: a round trip plus the server's work, with room to spare.
export const TARGET_LATENCY_MS = 100;
// Weight of the newest duration in the average.
export const DURATION_WEIGHT = 0.2;
// Tasks per slot kept at hand at most, and tasks held by one agent at most.
export const MAX_DEPTH = 200;
export const MAX_HELD = 5_000;

export interface PullRequest {
  readonly max: number;
  readonly freeCpus: number;
  readonly freeMemoryBytes?: number | undefined;
}

export interface HeldLoad {
  readonly tasks: number; // tasks held: waiting, queued in launchers or running
  readonly cpus: number; // their cpus together
  readonly memoryBytes: number; // their memory together
}

export interface BundleSizer {
  // Feeds the duration of a task that ran.
  observe(durationMs: number): void;
  // Tasks per slot to keep at hand: 1 until durations are known, up to MAX_DEPTH for tasks of a few ms.
  readonly depth: number;
  readonly averageMs: number | undefined;
  // What to ask the server for given what is held, or undefined when the agent has enough.
  request(held: HeldLoad): PullRequest | undefined;
}

export interface BundleSizerOptions {
  readonly slots: number;
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
  readonly targetLatencyMs?: number | undefined;
}

// Creates the sizer of one agent.
export function createBundleSizer(opts: BundleSizerOptions): BundleSizer {
  const target = opts.targetLatencyMs ?? TARGET_LATENCY_MS;
  let average: number | undefined;
  let depth = 1;

  return {
    observe(durationMs) {
      const d = Math.max(0, durationMs);
      average = average === undefined ? d : average + DURATION_WEIGHT * (d - average);
      const perSlot = Math.ceil(target / Math.max(average, 0.1));
      depth = Math.max(1, Math.min(MAX_DEPTH, perSlot, Math.floor(MAX_HELD / opts.slots)));
    },
    get depth() {
      return depth;
    },
    get averageMs() {
      return average;
    },
    request(held) {
      const wanted = opts.slots * depth;
      // With a deep buffer, top it up once half of it is used rather than after every task.
      const low = depth > 1 ? Math.floor(wanted / 2) : wanted - 1;
      if (held.tasks > low) return undefined;
      // Over the bundle's horizon each cpu runs `depth` tasks in turn: the budget grows with the depth.
      const freeCpus = opts.cpus * depth - held.cpus;
      if (freeCpus <= 0) return undefined;
      if (opts.memoryBytes === undefined) return { max: wanted - held.tasks, freeCpus };
      const freeMemoryBytes = opts.memoryBytes * depth - held.memoryBytes;
      if (freeMemoryBytes <= 0) return undefined;
      return { max: wanted - held.tasks, freeCpus, freeMemoryBytes };
    },
  };
}
