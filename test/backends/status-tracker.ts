// Waits for job statuses the same way for push backends (subscribe) and poll-only backends (poll).
import type { Backend, JobStatus } from '../../engine/backend.js';

export type Completed = Extract<JobStatus, { state: 'completed' }>;

export interface StatusTracker {
  // Every status seen for a job, in order.
  history(jobId: string): readonly JobStatus[];
  // Resolves with the first status of the job that satisfies `accept`; rejects after `timeoutMs`.
  waitFor(jobId: string, accept: (status: JobStatus) => boolean, timeoutMs: number): Promise<JobStatus>;
  // Resolves with the completions of all jobs; rejects after `timeoutMs`.
  waitForCompletion(jobIds: readonly string[], timeoutMs: number): Promise<ReadonlyMap<string, Completed>>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Tracks a backend from its creation on (subscribe has no unsubscribe, so one tracker per backend).
export function trackStatuses(backend: Backend, pollIntervalMs: number): StatusTracker {
  const push = backend.subscribe !== undefined;
  const seen = new Map<string, JobStatus[]>();
  const wakers = new Set<() => void>();
  const record = (jobId: string, status: JobStatus): void => {
    const list = seen.get(jobId);
    if (list === undefined) seen.set(jobId, [status]);
    else if (list.at(-1)?.state !== status.state || status.state === 'completed') list.push(status);
    for (const wake of wakers) wake();
  };
  // Push backends: sleeps until the next status arrives; poll-only backends: one poll interval.
  const pause = (): Promise<void> => {
    if (!push) return sleep(pollIntervalMs);
    return new Promise((resolve) => {
      const wake = (): void => {
        wakers.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(wake, pollIntervalMs);
      wakers.add(wake);
    });
  };

  backend.subscribe?.(record);

  const refresh = async (jobIds: readonly string[]): Promise<void> => {
    if (push) return;
    const statuses = await backend.poll(jobIds);
    for (const [jobId, status] of statuses) record(jobId, status);
  };

  const matching = (jobId: string, accept: (status: JobStatus) => boolean): JobStatus | undefined =>
    seen.get(jobId)?.find(accept);

  return {
    history: (jobId) => seen.get(jobId) ?? [],

    async waitFor(jobId, accept, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await refresh([jobId]);
        const found = matching(jobId, accept);
        if (found !== undefined) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `job ${jobId}: no matching status within ${timeoutMs} ms; saw ${JSON.stringify(seen.get(jobId) ?? [])}`,
          );
        }
        await pause();
      }
    },

    async waitForCompletion(jobIds, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const done = new Map<string, Completed>();
      for (;;) {
        const pending = jobIds.filter((id) => !done.has(id));
        await refresh(pending);
        for (const id of pending) {
          const status = matching(id, (s) => s.state === 'completed');
          if (status?.state === 'completed') done.set(id, status);
        }
        if (done.size === jobIds.length) return done;
        if (Date.now() > deadline) {
          throw new Error(`${jobIds.length - done.size} of ${jobIds.length} jobs not completed within ${timeoutMs} ms`);
        }
        await pause();
      }
    },
  };
}
