// One interval timer for every watched task (time limits, kill-after-grace) — never a timer per task.

export interface Watchdog<T> {
  add(item: T): void;
  delete(item: T): void;
  stop(): void;
}

// Calls `check(item, now)` for each watched item every `tickMs` while any is watched; false stops watching it.
export function createWatchdog<T>(tickMs: number, check: (item: T, now: number) => boolean): Watchdog<T> {
  const items = new Set<T>();
  let timer: NodeJS.Timeout | undefined;

  // Clears the timer; it restarts with the next add().
  const stop = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };

  // Checks every watched item once.
  const tick = (): void => {
    const now = Date.now();
    for (const item of items) if (!check(item, now)) items.delete(item);
    if (items.size === 0) stop();
  };

  return {
    add(item) {
      items.add(item);
      if (timer === undefined) {
        timer = setInterval(tick, tickMs);
        timer.unref();
      }
    },
    delete(item) {
      items.delete(item);
      if (items.size === 0) stop();
    },
    stop() {
      items.clear();
      stop();
    },
  };
}
