// What Slurm's accounting says a job used: `sacct -j ID --format=… -P -n` after the job ended (it needs
// accounting: JobAcctGatherType other than none, and AccountingStorageType other than none). A job has a row of its
// own (TotalCPU summed over its steps; MaxRSS and the like empty) and a row per step (`ID.batch`, `ID.extern`,
// `ID.0`, …), each with its own maxima. Formats (sacct(1)): TotalCPU `[D-][HH:]MM:SS[.mmm]`, Elapsed `[D-]HH:MM:SS`,
// sizes a number with an optional K/M/G/T/P suffix (powers of 1024; no suffix: bytes).
import type { TaskResources } from '../../engine/resources.js';

export const SACCT_FIELDS = ['JobID', 'TotalCPU', 'MaxRSS', 'MaxVMSize', 'MaxDiskRead', 'MaxDiskWrite', 'Elapsed'];

// The command reading job `id`'s figures.
export function sacctArgv(id: string): string[] {
  return ['sacct', '-j', id, `--format=${SACCT_FIELDS.join(',')}`, '-P', '-n'];
}

// A duration in ms: [D-][HH:]MM:SS[.mmm] (also the job's Elapsed, [D-]HH:MM:SS); undefined when not one.
export function slurmDurationMs(text: string): number | undefined {
  const match = /^(?:(\d+)-)?(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (match === null) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return Math.round(
    ((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000,
  );
}

const UNIT = { K: 1, M: 2, G: 3, T: 4, P: 5 } as const;

// A size in bytes: "7856416K", "1.50M", "0", "2048"; undefined when empty or not a size.
export function slurmBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([KMGTP])?$/i.exec(text.trim());
  if (match === null) return undefined;
  const unit = match[2]?.toUpperCase() as keyof typeof UNIT | undefined;
  return Math.round(Number(match[1]) * 1024 ** (unit === undefined ? 0 : UNIT[unit]));
}

// Job `id`'s figures from sacct's parsable output: CPU time from the job's row (else the sum of its steps'),
// peak memory the highest of its steps', disk reads and writes summed over the steps, wall time the job's Elapsed.
// Undefined when no row names the job or no figure was recorded.
export function parseSacct(stdout: string, id: string): TaskResources | undefined {
  let job: string[] | undefined;
  const steps: string[][] = [];
  for (const line of stdout.split('\n')) {
    const fields = line.split('|');
    if (fields.length < SACCT_FIELDS.length) continue;
    if (fields[0] === id) job = fields;
    else if (fields[0]!.startsWith(`${id}.`)) steps.push(fields);
  }
  if (job === undefined && steps.length === 0) return undefined;
  const column = (rows: readonly string[][], i: number, read: (text: string) => number | undefined): number[] =>
    rows.flatMap((row) => read(row[i] ?? '') ?? []);
  const max = (values: number[]): number | undefined => (values.length === 0 ? undefined : Math.max(...values));
  const sum = (values: number[]): number | undefined =>
    values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
  const figures: TaskResources = {
    realtimeMs: job === undefined ? undefined : slurmDurationMs(job[6] ?? ''),
    cpuMs: (job === undefined ? undefined : slurmDurationMs(job[1] ?? '')) ?? sum(column(steps, 1, slurmDurationMs)),
    peakRssBytes: max(column(steps, 2, slurmBytes)),
    peakVmemBytes: max(column(steps, 3, slurmBytes)),
    readBytes: sum(column(steps, 4, slurmBytes)),
    writeBytes: sum(column(steps, 5, slurmBytes)),
  };
  return Object.values(figures).some((v) => v !== undefined) ? figures : undefined;
}
