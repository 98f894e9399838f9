// Parsers of the /proc files the node sampler reads, pure text → data (proc(5): /proc/PID/stat, status, io;
// /proc/loadavg, /proc/meminfo).

export interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly pgrp: number;
  readonly session: number;
  readonly cpuTicks: number; // utime + stime of the process itself (clock ticks)
}

// Parses /proc/PID/stat; the command name (field 2) may hold spaces and parentheses, so fields are counted from
// the last ')'. undefined when the text is not such a line.
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number.parseInt(text, 10);
  // After ") ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime …
  const f = text.slice(close + 2).split(' ');
  const num = (i: number): number => Number(f[i]);
  const stat = { pid, ppid: num(1), pgrp: num(2), session: num(3), cpuTicks: num(11) + num(12) };
  return Object.values(stat).every(Number.isFinite) ? stat : undefined;
}

export interface ProcMemory {
  readonly hwmKiB: number; // VmHWM: peak resident set
  readonly peakKiB: number; // VmPeak: peak virtual size
}

// Parses the peak memory lines of /proc/PID/status (kernel threads and zombies have none: 0).
export function parseProcStatus(text: string): ProcMemory {
  return { hwmKiB: kibField(text, 'VmHWM:'), peakKiB: kibField(text, 'VmPeak:') };
}

// The number after `key` on its line of /proc/PID/status, in KiB; 0 when absent.
function kibField(text: string, key: string): number {
  const at = text.indexOf(key);
  if (at < 0) return 0;
  const value = Number.parseInt(text.slice(at + key.length).trimStart(), 10);
  return Number.isFinite(value) ? value : 0;
}

export interface NodeLoad {
  readonly load1: number;
  readonly load5: number;
  readonly load15: number;
}

// Parses /proc/loadavg ("0.52 0.58 0.59 1/467 12345").
export function parseLoadavg(text: string): NodeLoad | undefined {
  const [a, b, c] = text.trim().split(/\s+/).map(Number);
  if (a === undefined || b === undefined || c === undefined || ![a, b, c].every(Number.isFinite)) return undefined;
  return { load1: a, load5: b, load15: c };
}

export interface NodeMemory {
  readonly totalBytes: number;
  readonly availableBytes: number;
}

// Parses MemTotal and MemAvailable of /proc/meminfo.
export function parseMeminfo(text: string): NodeMemory | undefined {
  const total = kibField(text, 'MemTotal:');
  if (total === 0) return undefined;
  return { totalBytes: total * 1024, availableBytes: kibField(text, 'MemAvailable:') * 1024 };
}
