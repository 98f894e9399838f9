// Whether a process id is alive on this host, and when it started (to tell a reused pid from the original).
import { readFileSync } from 'node:fs';

// Whether a process id is alive on this host (a process we may not signal still counts as alive).
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// The start time of a process in clock ticks since boot (field 22 of /proc/PID/stat, proc(5)), or undefined
// where /proc is missing or the process is gone. Two processes that share a pid never share a start time.
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

// Whether `pid` is alive and, when its recorded start time is known, still the same process.
export function sameProcessAlive(pid: number, startTime: string | undefined): boolean {
  if (!processAlive(pid)) return false;
  if (startTime === undefined) return true;
  const now = processStartTime(pid);
  return now === undefined || now === startTime;
}
