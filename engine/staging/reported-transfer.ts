// One transfer run through the pool and told as stage.progress events: `started` for each attempt, `progress` at
// most once per interval, `retry` for each failure that will be retried, `failed` once it gives up (the caller
// reports `done` or `reused`).
import type { StageProgressEvent } from '../events.js';
import type { TransferPool } from './transfer-pool.js';
import { asStagingError } from './transfer-pool.js';

export type StageEvent = Omit<StageProgressEvent, 'type' | 'time'>;

// What every event of one transfer says: the remote side, the direction and the task that asked for it.
export interface TransferBase {
  readonly uri: string;
  readonly direction: 'in' | 'out';
  readonly taskId: string | undefined;
}

export type OnProgress = (bytes: number, total: number) => void;

export interface ReportedTransfers {
  emit(event: StageEvent): void;
  // Runs `work` (one attempt) through the pool; `totalBytes` is what the transfer is expected to move.
  run<T>(base: TransferBase, totalBytes: number | undefined, work: (onProgress: OnProgress) => Promise<T>): Promise<T>;
}

export function reportedTransfers(
  pool: TransferPool,
  signal: AbortSignal,
  emitEvent: ((event: StageProgressEvent) => void) | undefined,
  everyMs: number,
): ReportedTransfers {
  const emit = (event: StageEvent): void => emitEvent?.({ type: 'stage.progress', time: Date.now(), ...event });
  // A progress callback that emits at most once per `everyMs`.
  const reporter = (base: TransferBase, totalBytes: number | undefined): OnProgress => {
    let last = 0;
    return (bytes, total) => {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      emit({ ...base, state: 'progress', bytes, totalBytes: total > 0 ? total : totalBytes });
    };
  };
  return {
    emit,
    run(base, totalBytes, work) {
      const progress = reporter(base, totalBytes);
      return pool
        .run(
          base.uri,
          signal,
          (attempt) => {
            emit({ ...base, state: 'started', bytes: 0, totalBytes, attempt });
            return work(progress);
          },
          (error, attempt) => emit({ ...base, state: 'retry', bytes: 0, attempt, reason: error.message }),
        )
        .catch((error: unknown) => {
          const failure = asStagingError(base.uri, error, signal);
          emit({ ...base, state: 'failed', bytes: 0, reason: failure.message });
          throw failure;
        });
    },
  };
}
