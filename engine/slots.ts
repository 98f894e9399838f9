// Slot accounting: how many tasks, cpus and bytes of memory are in use against the run's limits.
import type { Resources } from './task.js';

export interface Limits {
  readonly jobs: number;
  readonly cpus: number;
  readonly memoryBytes: number;
}

export interface Slots {
  // True when a task with these resources can start now.
  fits(resources: Resources): boolean;
  // Why a task can never start under these limits, or undefined when it can.
  impossible(resources: Resources): string | undefined;
  take(resources: Resources): void;
  give(resources: Resources): void;
  readonly inUse: number;
}

// Creates slot accounting for the given limits.
export function createSlots(limits: Limits): Slots {
  let jobs = 0;
  let cpus = 0;
  let memory = 0;
  return {
    fits(r) {
      return (
        jobs < limits.jobs &&
        cpus + r.cpus <= limits.cpus &&
        memory + (r.memoryBytes ?? 0) <= limits.memoryBytes
      );
    },
    impossible(r) {
      if (r.cpus > limits.cpus) return `needs ${r.cpus} cpus but only ${limits.cpus} are available`;
      if ((r.memoryBytes ?? 0) > limits.memoryBytes) {
        return `needs ${formatBytes(r.memoryBytes ?? 0)} of memory but only ${formatBytes(limits.memoryBytes)} is available`;
      }
      return undefined;
    },
    take(r) {
      jobs += 1;
      cpus += r.cpus;
      memory += r.memoryBytes ?? 0;
    },
    give(r) {
      jobs -= 1;
      cpus -= r.cpus;
      memory -= r.memoryBytes ?? 0;
    },
    get inUse() {
      return jobs;
    },
  };
}

// Formats a byte count with a binary unit, e.g. "1.5 GiB".
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
