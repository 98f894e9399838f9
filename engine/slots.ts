// Slot accounting: how many tasks, cpus and bytes of memory are in use against the run's limits.
import type { Resources } from './task.js';

export interface Limits {
  readonly jobs: number;
  readonly cpus: number;
  readonly memoryBytes: number;
}

export interface Slots {
  // True when a task with these resources can start now.
  fits(resources: Resources, light?: boolean): boolean;
  // Why a task can never start under these limits, or undefined when it can.
  impossible(resources: Resources): string | undefined;
  take(resources: Resources, light?: boolean): void;
  give(resources: Resources, light?: boolean): void;
  readonly inUse: number;
}

// Creates slot accounting for the given limits. With `lookahead` > 0 the backend caps running tasks itself, so
// light tasks and tasks of one cpu with no memory request may be submitted ahead: up to jobs + lookahead, without
// cpu slots.
export function createSlots(limits: Limits, lookahead = 0): Slots {
  let jobs = 0;
  let cpus = 0;
  let memory = 0;
  const ahead = (r: Resources, light: boolean | undefined): boolean =>
    lookahead > 0 && r.gpus === undefined && (light === true || (r.cpus <= 1 && r.memoryBytes === undefined));
  return {
    fits(r, light) {
      if (ahead(r, light)) return jobs < limits.jobs + lookahead;
      return jobs < limits.jobs && cpus + r.cpus <= limits.cpus && memory + (r.memoryBytes ?? 0) <= limits.memoryBytes;
    },
    impossible(r) {
      if (r.cpus > limits.cpus) return `requirement exceeds available CPUs -- req: ${r.cpus}; avail: ${limits.cpus}`;
      if ((r.memoryBytes ?? 0) > limits.memoryBytes) {
        const [req, avail] = [formatBytes(r.memoryBytes ?? 0), formatBytes(limits.memoryBytes)];
        return `requirement exceeds available memory -- req: ${req}; avail: ${avail}`;
      }
      return undefined;
    },
    take(r, light) {
      jobs += 1;
      if (ahead(r, light)) return;
      cpus += r.cpus;
      memory += r.memoryBytes ?? 0;
    },
    give(r, light) {
      jobs -= 1;
      if (ahead(r, light)) return;
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
