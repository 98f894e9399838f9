// The agent's two clocks: the idle clock (it leaves after holding nothing for idleTimeoutMs) and the drain deadline
// before its allocation ends (armed in steps: timers cannot wait longer than about 24 days).
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface AgentClocksOptions {
  readonly idleTimeoutMs: number; // 0: never idle out
  readonly drainAt: number | undefined; // epoch ms, when the allocation ends
  readonly onIdle: () => void;
  readonly onDrainDeadline: () => void;
}

export interface AgentClocks {
  // Arms the drain deadline (it fires at once when already past).
  start(): void;
  // Runs the idle clock while the agent is idle, stops it otherwise.
  idle(idle: boolean): void;
  // Stops both clocks.
  stop(): void;
}

// The clocks, not yet running.
export function createAgentClocks(opts: AgentClocksOptions): AgentClocks {
  let idleTimer: NodeJS.Timeout | undefined;
  let walltimeTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const armWalltime = (): void => {
    walltimeTimer = undefined;
    if (opts.drainAt === undefined || stopped) return;
    const wait = opts.drainAt - Date.now();
    if (wait <= 0) {
      opts.onDrainDeadline();
      return;
    }
    walltimeTimer = setTimeout(armWalltime, Math.min(wait, MAX_TIMER_MS));
  };
  return {
    start: armWalltime,
    idle(idle) {
      if (!idle) {
        if (idleTimer !== undefined) clearTimeout(idleTimer);
        idleTimer = undefined;
      } else if (idleTimer === undefined && opts.idleTimeoutMs > 0 && !stopped) {
        idleTimer = setTimeout(opts.onIdle, opts.idleTimeoutMs);
      }
    },
    stop() {
      stopped = true;
      clearTimeout(idleTimer);
      clearTimeout(walltimeTimer);
    },
  };
}
