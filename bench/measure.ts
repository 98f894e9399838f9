// Measuring helpers for the benchmarks: wall time and peak RSS of a child process.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Measured {
  readonly ms: number;
  readonly peakRssBytes: number;
  readonly exitCode: number | null;
}

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
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'ignore', opts.quiet === false ? 'inherit' : 'ignore'],
    });
    let peak = 0;
    const sampler = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, peakRss(child.pid));
    }, 50);
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearInterval(sampler);
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, peakRssBytes: peak, exitCode });
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
