// The node sampler's early looks: a task younger than the sampling interval is looked at 50, 200 and 500 ms after
// its start, so short tasks get figures too; one timer for all tasks, set for the soonest look that is due.

// When a young task is looked at, in ms after its start (those below the interval).
export const EARLY_MS = [50, 200, 500] as const;

export interface YoungTask {
  readonly startedAt: number;
  early: number; // index of its next early look in EARLY_MS
}

export interface EarlyLooks {
  started(now: number): void; // a task started at `now`
  stop(): void;
}

// Creates the early looks over `tasks`; `look` looks at one.
export function createEarlyLooks<T extends YoungTask>(
  intervalMs: number,
  tasks: () => Iterable<T>,
  look: (task: T) => void,
): EarlyLooks {
  let timer: NodeJS.Timeout | undefined;
  let at = Number.POSITIVE_INFINITY;
  const soonEnough = (due: number | undefined): due is number => due !== undefined && due < intervalMs;

  // Sets the timer for `when` unless it already fires by then.
  const wake = (when: number, now: number): void => {
    if (timer !== undefined && at <= when) return;
    clearTimeout(timer);
    at = when;
    timer = setTimeout(tick, Math.max(1, when - now));
    timer.unref();
  };

  // Looks at the tasks that are due, then waits for the next one that will be.
  const tick = (): void => {
    timer = undefined;
    at = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const t of tasks()) {
      let due: number | undefined = EARLY_MS[t.early];
      if (soonEnough(due) && t.startedAt + due <= now) {
        look(t);
        while (due !== undefined && t.startedAt + due <= now) due = EARLY_MS[++t.early];
      }
      if (soonEnough(due)) next = Math.min(next, t.startedAt + due);
    }
    if (Number.isFinite(next)) wake(next, now);
  };

  return {
    started(now) {
      if (soonEnough(EARLY_MS[0])) wake(now + EARLY_MS[0], now);
    },
    stop: () => clearTimeout(timer),
  };
}
