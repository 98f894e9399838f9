// Group commit: queue changes and hand them to one commit (one transaction) per batch, by size or by time.

export interface GroupCommitOptions {
  readonly intervalMs: number; // longest a queued change waits
  readonly batch: number; // queue length that commits at once
}

export interface GroupCommitStats {
  readonly commits: number; // batches committed, i.e. transactions
  readonly written: number; // changes committed
  readonly queued: number; // changes waiting
}

export interface GroupCommit<T> {
  push(change: T): void;
  flush(): void;
  stats(): GroupCommitStats;
}

// Queues changes for `commit`, which must write a whole batch atomically (or throw and write nothing).
// One timer for the whole queue, unref'd so a forgotten queue never keeps the process alive; whoever owns
// the queue flushes on close. A commit that fails in the timer is retried by the next push or flush, which
// then throws if it fails again; the batch stays queued meanwhile.
export function createGroupCommit<T>(
  commit: (batch: readonly T[]) => void,
  options: GroupCommitOptions,
): GroupCommit<T> {
  let queue: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  let failed = false;
  let commits = 0;
  let written = 0;

  // Commits everything queued, keeping it queued if the commit throws.
  const flush = (): void => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    failed = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    try {
      commit(batch);
    } catch (error) {
      queue = batch.concat(queue);
      throw error;
    }
    commits++;
    written += batch.length;
  };

  // Timer callback: commit, and leave a failure for the next caller to surface.
  const onTimer = (): void => {
    timer = undefined;
    try {
      flush();
    } catch {
      failed = true;
    }
  };

  return {
    push(change) {
      queue.push(change);
      if (failed || queue.length >= options.batch) {
        flush();
      } else if (timer === undefined) {
        timer = setTimeout(onTimer, options.intervalMs);
        timer.unref();
      }
    },
    flush,
    stats: () => ({ commits, written, queued: queue.length }),
  };
}
