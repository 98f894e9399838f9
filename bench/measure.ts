// Measuring helpers for the benchmarks: wall time, peak RSS and CPU time of a child process.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Measured {
  readonly ms: number;
  readonly peakRssBytes: number;
  readonly exitCode: number | null;
  // User + system CPU time of the process and of every descendant it waited for (this process's children's
  // times from /proc/self/stat, before and after: measure() runs one child at a time).
  readonly cpuMs: number;
  // The process's own user + system time (its threads included, no descendants), as last sampled (every 50 ms)
  // before it exited: up to one interval short.
  readonly selfCpuMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

// Fields 14 onwards of /proc/PID/stat (after the command name, which may hold spaces), as numbers.
function statFields(pid: number | 'self'): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text
      .slice(text.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
  } catch {
    return [];
  }
}

// utime + stime (fields 14, 15) or cutime + cstime (16, 17) in ms; fields from statFields start at field 3.
const ownCpuMs = (fields: number[]): number => ((fields[11] ?? 0) + (fields[12] ?? 0)) * TICK_MS;
const childrenCpuMs = (fields: number[]): number => ((fields[13] ?? 0) + (fields[14] ?? 0)) * TICK_MS;

// Reads a process's peak resident set size (VmHWM) in bytes, or 0 when it is gone.
export function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

// Runs a command to the end, timing it and sampling its peak RSS.
export function measure(
  command: string,
  args: readonly string[],
  opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; quiet?: boolean } = {},
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const childrenBefore = childrenCpuMs(statFields('self'));
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'ignore', opts.quiet === false ? 'inherit' : 'ignore'],
    });
    let peak = 0;
    let selfCpuMs = 0;
    const sampler = setInterval(() => {
      if (child.pid === undefined) return;
      peak = Math.max(peak, peakRss(child.pid));
      selfCpuMs = Math.max(selfCpuMs, ownCpuMs(statFields(child.pid)));
    }, 50);
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearInterval(sampler);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const cpuMs = childrenCpuMs(statFields('self')) - childrenBefore;
      resolve({ ms, peakRssBytes: peak, exitCode, cpuMs, selfCpuMs });
    });
  });
}

// The median of a list of numbers.
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

// The 1-minute load average, as the benchmarks report it beside their figures.
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
}
