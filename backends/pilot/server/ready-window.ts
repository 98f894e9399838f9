// The bounded window of queued tasks the server dispatches from: paged from the store by id, never the whole
// queue. Tasks handed back (requeued) go ahead of fresh ones.
import type { QueueStore, StoredTask } from './queue-store.js';

export interface ReadyWindow {
  readonly size: number;
  // Tasks in dispatch order: handed-back ones first, then fresh ones by id.
  tasks(): IterableIterator<StoredTask>;
  remove(id: number): boolean;
  // Puts a handed-back task (with its new attempt) at the front.
  requeue(task: StoredTask): void;
  // Notes that tasks were added to the store after the window's cursor.
  added(): void;
  // Loads the next page when the window runs low and the store has more; `skip` names ids held elsewhere
  // (dispatched). Must run inside the server's serial queue. Resolves to how many tasks were added.
  refill(skip: (id: number) => boolean): Promise<number>;
}

export interface ReadyWindowOptions {
  readonly capacity: number; // most tasks held (default 4,096)
  readonly lowWater: number; // refill below this (default capacity / 4)
}

// Creates a window over the session's queued tasks.
export function createReadyWindow(
  store: QueueStore,
  session: string,
  options: Partial<ReadyWindowOptions> = {},
): ReadyWindow {
  const capacity = options.capacity ?? 4096;
  const lowWater = options.lowWater ?? Math.floor(capacity / 4);
  const handedBack = new Map<number, StoredTask>();
  const fresh = new Map<number, StoredTask>();
  let cursor = 0; // highest id read from the store
  let exhausted = false; // the last page came back short and nothing was added since

  return {
    get size() {
      return handedBack.size + fresh.size;
    },
    *tasks() {
      yield* handedBack.values();
      yield* fresh.values();
    },
    remove: (id) => handedBack.delete(id) || fresh.delete(id),
    requeue(task) {
      fresh.delete(task.id);
      handedBack.set(task.id, task);
    },
    added() {
      exhausted = false;
    },
    async refill(skip) {
      if (exhausted || handedBack.size + fresh.size >= lowWater) return 0;
      const limit = capacity - handedBack.size - fresh.size;
      const page = await store.queuedAfter(session, cursor, limit);
      let added = 0;
      for (const task of page) {
        cursor = Math.max(cursor, task.id);
        if (handedBack.has(task.id) || fresh.has(task.id) || skip(task.id)) continue;
        fresh.set(task.id, task);
        added++;
      }
      if (page.length < limit) exhausted = true;
      return added;
    },
  };
}
