// Which held tasks may be handed to the local backend now: slots, cpus and memory of the agent.
// Tasks no larger than one slot's share (cpus/slots, memory/slots) are "small": the local backend never runs
// more than `slots` at once, so any of them together fit, and they may be queued ahead in its launchers (up to
// `lookahead` more). A larger task is admitted only when everything already handed over plus itself fits.

export interface GateTask {
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
}

export interface ResourceGateOptions {
  readonly slots: number;
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
  readonly lookahead: number; // tasks the local backend may hold beyond `slots`
}

export interface ResourceGate {
  // Why a task can never run on this agent, or undefined when it can.
  neverFits(task: GateTask): string | undefined;
  // Whether the task may be handed over now.
  admits(task: GateTask): boolean;
  take(task: GateTask): void;
  release(task: GateTask): void;
  readonly inUse: number; // tasks handed over and not yet ended
}

// Creates the gate of one agent.
export function createResourceGate(opts: ResourceGateOptions): ResourceGate {
  const cpusOf = (task: GateTask): number => Math.max(0, task.cpus);
  const memoryOf = (task: GateTask): number => Math.max(0, task.memoryBytes ?? 0);
  const small = (task: GateTask): boolean =>
    cpusOf(task) * opts.slots <= opts.cpus &&
    (opts.memoryBytes === undefined || memoryOf(task) * opts.slots <= opts.memoryBytes);
  let inUse = 0;
  let cpus = 0;
  let memory = 0;
  let large = 0; // large tasks among those in use

  return {
    neverFits(task) {
      if (cpusOf(task) > opts.cpus) return `it needs ${task.cpus} cpus but the agent has ${opts.cpus}`;
      if (opts.memoryBytes !== undefined && memoryOf(task) > opts.memoryBytes) {
        return `it needs ${memoryOf(task)} bytes of memory but the agent has ${opts.memoryBytes}`;
      }
      return undefined;
    },
    admits(task) {
      if (large === 0 && small(task)) return inUse < opts.slots + opts.lookahead;
      if (inUse >= opts.slots) return false;
      return (
        cpus + cpusOf(task) <= opts.cpus &&
        (opts.memoryBytes === undefined || memory + memoryOf(task) <= opts.memoryBytes)
      );
    },
    take(task) {
      inUse += 1;
      cpus += cpusOf(task);
      memory += memoryOf(task);
      if (!small(task)) large += 1;
    },
    release(task) {
      inUse -= 1;
      cpus -= cpusOf(task);
      memory -= memoryOf(task);
      if (!small(task)) large -= 1;
    },
    get inUse() {
      return inUse;
    },
  };
}
