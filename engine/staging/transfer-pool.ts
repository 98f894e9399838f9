// Bounded parallel transfers with retries: at most `concurrency` run at once, and a transfer that fails for a reason
// a retry can fix is tried again after a delay that doubles each time.
import { StagingError, StagingReason } from './errors.js';

export interface PoolOptions {
  readonly concurrency: number;
  readonly retries: number; // attempts after the first
  readonly retryDelayMs: number; // before the first retry; doubles
}

export interface TransferPool {
  // Runs `work` when a slot is free, retrying it; `onRetry` hears each failure that will be retried.
  run<T>(
    uri: string,
    signal: AbortSignal,
    work: (attempt: number) => Promise<T>,
    onRetry?: (error: StagingError, attempt: number) => void,
  ): Promise<T>;
}

// Waits `ms`, or rejects when `signal` aborts.
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// Any failure as a staging error of `uri` (an abort becomes 'cancelled').
export function asStagingError(uri: string, error: unknown, signal: AbortSignal): StagingError {
  if (error instanceof StagingError) return error;
  if (signal.aborted) return new StagingError(uri, StagingReason.Cancelled, 'cancelled', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new StagingError(uri, StagingReason.Transient, message, { cause: error });
}

// Creates a pool.
export function createTransferPool(opts: PoolOptions): TransferPool {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (signal: AbortSignal): Promise<void> => {
    if (active < opts.concurrency) {
      active += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const at = waiting.indexOf(grant);
        if (at >= 0) waiting.splice(at, 1);
        reject(signal.reason);
      };
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      waiting.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) active -= 1;
    else next();
  };
  return {
    async run(uri, signal, work, onRetry) {
      try {
        await acquire(signal);
      } catch (error) {
        throw asStagingError(uri, error, signal);
      }
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            return await work(attempt);
          } catch (error) {
            const failure = asStagingError(uri, error, signal);
            if (!failure.retryable || attempt > opts.retries || signal.aborted) throw failure;
            onRetry?.(failure, attempt);
            try {
              await delay(opts.retryDelayMs * 2 ** (attempt - 1), signal);
            } catch (abort) {
              throw asStagingError(uri, abort, signal);
            }
          }
        }
      } finally {
        release();
      }
    },
  };
}
