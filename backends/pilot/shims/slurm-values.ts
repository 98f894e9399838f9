// Values of sbatch and qsub options: times, memory sizes, counts, signals.
import { constants } from 'node:os';
import { JobRequestError, type WarningSignal } from './job-request.js';

// A positive integer option, or undefined when it is not given.
export function positive(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new JobRequestError(`error: invalid ${option} value "${value}"`);
  return n;
}

// A Slurm time limit in ms: `minutes`, `minutes:seconds`, `hours:minutes:seconds`, `days-hours`,
// `days-hours:minutes`, `days-hours:minutes:seconds`; 0, INFINITE and UNLIMITED mean none
// (https://slurm.schedmd.com/sbatch.html#OPT_time).
export function parseSlurmTime(value: string, option: string): number | undefined {
  if (/^(0|infinite|unlimited)$/i.test(value)) return undefined;
  const bad = (): never => {
    throw new JobRequestError(`sbatch: error: Invalid time limit specification ${option}=${value}`);
  };
  const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(value) ?? bad();
  const [, days, a, b, c] = m.map((x) => (x === undefined ? undefined : Number(x)));
  let seconds: number;
  if (days !== undefined) seconds = days * 86_400 + a! * 3_600 + (b ?? 0) * 60 + (c ?? 0);
  else if (c !== undefined) seconds = a! * 3_600 + b! * 60 + c;
  else seconds = a! * 60 + (b ?? 0);
  return seconds * 1000;
}

// A PBS walltime in ms: `[[hh:]mm:]ss`, seconds possibly with a fraction.
export function parsePbsTime(value: string, option: string): number {
  const parts = value.split(':');
  if (parts.length > 3 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p)))
    throw new JobRequestError(`qsub: illegal -l value ${option}=${value}`);
  const seconds = parts.reduce((total, p) => total * 60 + Number(p), 0);
  return Math.round(seconds * 1000);
}

const SLURM_MEMORY_UNITS: Readonly<Record<string, number>> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

// A Slurm memory size in bytes: a number of megabytes, or with a K, M, G or T suffix.
export function parseSlurmMemory(value: string, option: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGT])?B?$/i.exec(value);
  if (m === null) throw new JobRequestError(`sbatch: error: Invalid ${option} specification`);
  const bytes = Number(m[1]) * SLURM_MEMORY_UNITS[(m[2] ?? 'M').toUpperCase()]!;
  return bytes === 0 ? undefined : Math.round(bytes);
}

const PBS_MEMORY_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

// A PBS size in bytes: a number with b, kb, mb, gb, tb (or w, words of 8 bytes) (PBS Reference Guide, "Size").
export function parsePbsMemory(value: string, option: string): number {
  const m = /^(\d+)([kmgt]?)([bw])?$/i.exec(value);
  if (m === null) throw new JobRequestError(`qsub: illegal -l value ${option}=${value}`);
  return Number(m[1]) * PBS_MEMORY_UNITS[m[2]!.toLowerCase()]! * ((m[3] ?? 'b').toLowerCase() === 'w' ? 8 : 1);
}

// sbatch --signal=[{R|B}:]SIG[@TIME]: the signal to send TIME seconds (default 60) before the time limit
// (https://slurm.schedmd.com/sbatch.html#OPT_signal).
export function parseSignalSpec(value: string): WarningSignal {
  const m = /^(?:[RB]+:)?([A-Za-z0-9]+)(?:@(\d+))?$/.exec(value);
  const signal = m === null ? undefined : signalName(m[1]!);
  if (m === null || signal === undefined) throw new JobRequestError(`sbatch: error: Invalid --signal specification`);
  return { name: signal, beforeMs: Number(m[2] ?? 60) * 1000 };
}

// A signal's name without SIG (USR2) from a name or a number; undefined when unknown.
function signalName(spec: string): string | undefined {
  const signals = constants.signals as Readonly<Record<string, number>>;
  if (/^\d+$/.test(spec)) {
    const found = Object.entries(signals).find(([, n]) => n === Number(spec));
    return found?.[0].slice(3);
  }
  const name = spec.toUpperCase().replace(/^SIG/, '');
  return signals[`SIG${name}`] === undefined ? undefined : name;
}
