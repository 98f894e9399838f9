// Choosing a bundle for a pull: tasks that fit the agent's free cpus and memory and the time it has left.
import type { Pull } from '../protocol/messages.js';
import type { StoredTask } from './queue-store.js';

export interface StepDurations {
  // Records a succeeded task's duration.
  observe(step: string | undefined, ms: number): void;
  longest(step: string | undefined): number | undefined;
}

// The longest observed duration of each step, which stands in for a task's time limit when it has none.
export function createStepDurations(initial: ReadonlyMap<string, number> = new Map()): StepDurations {
  const longest = new Map(initial);
  return {
    observe(step, ms) {
      if (step === undefined || !Number.isFinite(ms) || ms < 0) return;
      if (ms > (longest.get(step) ?? -1)) longest.set(step, ms);
    },
    longest: (step) => (step === undefined ? undefined : longest.get(step)),
  };
}

// How long a task is expected to take at most: its time limit, else its step's longest run so far.
export function expectedMs(task: StoredTask, durations: StepDurations): number | undefined {
  return task.timeLimitMs ?? durations.longest(task.step);
}

// Resources left in a pull while its bundle fills.
export interface Room {
  count: number;
  cpus: number;
  memoryBytes: number;
  readonly remainingMs: number;
}

// The room a pull offers, limited to `share` tasks.
export function roomOf(pull: Pull, share: number): Room {
  return {
    count: Math.max(0, Math.min(pull.max, share)),
    cpus: pull.freeCpus ?? Number.POSITIVE_INFINITY,
    memoryBytes: pull.freeMemoryBytes ?? Number.POSITIVE_INFINITY,
    remainingMs: pull.remainingMs ?? Number.POSITIVE_INFINITY,
  };
}

// Whether a task fits the room left: its cpus and memory, and its expected duration within the time left
// (a task whose duration nothing tells fits).
export function fits(task: StoredTask, room: Room, durations: StepDurations): boolean {
  if (room.count < 1 || task.cpus > room.cpus || (task.memoryBytes ?? 0) > room.memoryBytes) return false;
  const expected = expectedMs(task, durations);
  return expected === undefined || expected <= room.remainingMs;
}

// Takes a task's resources out of the room.
export function take(task: StoredTask, room: Room): void {
  room.count--;
  room.cpus -= task.cpus;
  room.memoryBytes -= task.memoryBytes ?? 0;
}
