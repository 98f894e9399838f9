// Staging's transfers as the views show them: one record per remote file and direction, folded from the run's
// stage.progress events (started, progress, done, reused, retry, failed), and a summary for the live view's line.
import type { StageProgressEvent } from '../../engine/events.js';

export type TransferState = 'running' | 'done' | 'reused' | 'failed';

export interface TransferRecord {
  readonly uri: string;
  readonly direction: 'in' | 'out';
  state: TransferState;
  startedAt: number;
  endedAt: number | undefined;
  bytes: number; // moved so far (for a reused one: its size, when known)
  totalBytes: number | undefined;
  attempts: number; // 0 for one reused from the staging cache
  taskId: string | undefined;
  reason: string | undefined; // why the last retry or the failure
}

export interface TransferSummary {
  readonly running: number;
  readonly done: number;
  readonly reused: number;
  readonly failed: number;
  readonly retries: number;
  readonly bytes: number; // moved by transfers that ran (not reused)
  readonly totalBytes: number; // of running and done transfers whose size is known
}

export interface TransferTally {
  onEvent(event: StageProgressEvent): void;
  // Every transfer, in the order it was first seen.
  list(): readonly TransferRecord[];
  summary(): TransferSummary;
  // Whether any transfer was seen.
  any(): boolean;
}

export function createTransferTally(): TransferTally {
  const records = new Map<string, TransferRecord>();
  let retries = 0;

  const recordOf = (event: StageProgressEvent): TransferRecord => {
    const key = `${event.direction} ${event.uri}`;
    let record = records.get(key);
    if (record === undefined) {
      record = {
        uri: event.uri,
        direction: event.direction,
        state: 'running',
        startedAt: event.time,
        endedAt: undefined,
        bytes: 0,
        totalBytes: undefined,
        attempts: 0,
        taskId: event.taskId,
        reason: undefined,
      };
      records.set(key, record);
    }
    return record;
  };

  return {
    onEvent(event) {
      const record = recordOf(event);
      if (event.totalBytes !== undefined) record.totalBytes = event.totalBytes;
      record.bytes = Math.max(event.state === 'started' ? 0 : record.bytes, event.bytes);
      switch (event.state) {
        case 'started':
          record.state = 'running';
          record.endedAt = undefined;
          record.attempts = Math.max(record.attempts + 1, event.attempt ?? 1);
          return;
        case 'progress':
          return;
        case 'done':
          record.state = 'done';
          record.endedAt = event.time;
          record.attempts = Math.max(record.attempts, 1);
          return;
        case 'reused':
          record.state = 'reused';
          record.endedAt = event.time;
          return;
        case 'retry':
          retries += 1;
          record.reason = event.reason;
          return;
        case 'failed':
          record.state = 'failed';
          record.endedAt = event.time;
          record.reason = event.reason;
          return;
        default: {
          const never: never = event.state;
          return never;
        }
      }
    },
    list: () => [...records.values()],
    any: () => records.size > 0,
    summary() {
      let running = 0;
      let done = 0;
      let reused = 0;
      let failed = 0;
      let bytes = 0;
      let totalBytes = 0;
      for (const r of records.values()) {
        if (r.state === 'running') running += 1;
        else if (r.state === 'done') done += 1;
        else if (r.state === 'reused') reused += 1;
        else failed += 1;
        if (r.state === 'running' || r.state === 'done') {
          bytes += r.bytes;
          totalBytes += r.totalBytes ?? r.bytes;
        }
      }
      return { running, done, reused, failed, retries, bytes, totalBytes };
    },
  };
}
