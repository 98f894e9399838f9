// The dispatches an agent holds, from arrival to result: found by their (id, attempt) or by the local id the local
// backend knows them by, queued in arrival order until handed over, with their cpus and memory together.
import type { WireTask } from '../protocol/messages.js';
import type { HeldLoad } from './bundle-size.js';
import { dispatchKey, type HandBack } from './wire-task.js';

export interface Held {
  readonly task: WireTask;
  readonly localId: string;
  phase: 'waiting' | 'handed' | 'running';
  handBack: HandBack | undefined; // set when its result is to be marked for requeueing
}

export interface HeldTasks {
  // Holds a dispatch and queues it; undefined when it is held already (sent twice).
  add(task: WireTask): Held | undefined;
  find(ref: { readonly id: string; readonly attempt: number }): Held | undefined;
  byLocalId(localId: string): Held | undefined;
  // The first queued dispatch still waiting (those handed over or forgotten since are dropped from the queue).
  nextWaiting(): Held | undefined;
  // Takes that dispatch off the queue.
  dequeue(): void;
  forget(held: Held): void;
  // Every held dispatch, as a list that forgetting does not change.
  all(): Held[];
  load(): HeldLoad;
}

// The queue is an array read from `head`; it is compacted once more than half of it (and 1,024 entries) is read.
const COMPACT_AFTER = 1024;

export function createHeldTasks(): HeldTasks {
  const byKey = new Map<string, Held>();
  const byLocalId = new Map<string, Held>();
  let waiting: Held[] = [];
  let head = 0; // waiting[head..] still wait
  let nextLocal = 0;
  let cpus = 0;
  let memory = 0;
  const compact = (): void => {
    if (head > COMPACT_AFTER && head * 2 > waiting.length) {
      waiting = waiting.slice(head);
      head = 0;
    }
  };
  return {
    add(task) {
      const key = dispatchKey(task.id, task.attempt);
      if (byKey.has(key)) return undefined;
      nextLocal += 1;
      const held: Held = { task, localId: `p${nextLocal}`, phase: 'waiting', handBack: undefined };
      byKey.set(key, held);
      byLocalId.set(held.localId, held);
      cpus += task.cpus;
      memory += task.memoryBytes ?? 0;
      waiting.push(held);
      return held;
    },
    find: (ref) => byKey.get(dispatchKey(ref.id, ref.attempt)),
    byLocalId: (localId) => byLocalId.get(localId),
    nextWaiting() {
      while (head < waiting.length) {
        const held = waiting[head] as Held;
        if (held.phase === 'waiting' && byLocalId.has(held.localId)) return held;
        head += 1;
      }
      compact();
      return undefined;
    },
    dequeue() {
      head += 1;
      compact();
    },
    forget(held) {
      byKey.delete(dispatchKey(held.task.id, held.task.attempt));
      byLocalId.delete(held.localId);
      cpus -= held.task.cpus;
      memory -= held.task.memoryBytes ?? 0;
    },
    all: () => [...byKey.values()],
    load: () => ({ tasks: byKey.size, cpus, memoryBytes: memory }),
  };
}
