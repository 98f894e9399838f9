// Caps how often pipe submits to a scheduler, so a burst of tasks never floods it.

export interface RateLimit {
  // Resolves when the next submission may go (immediately when under the cap), or rejects when `signal` aborts.
  next(signal: AbortSignal): Promise<void>;
}

// At most `perSecond` submissions in any second, spaced evenly; 0 or Infinity means no cap.
export function createRateLimit(perSecond: number): RateLimit {
  const gapMs = perSecond > 0 && Number.isFinite(perSecond) ? 1_000 / perSecond : 0;
  let nextAt = 0;
  return {
    async next(signal) {
      const now = Date.now();
      const at = Math.max(now, nextAt);
      nextAt = at + gapMs;
      if (at <= now) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, at - now);
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
