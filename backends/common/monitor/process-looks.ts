// How the node sampler finds a task's processes in /proc and reads their peak memory.
import { readdirSync, readFileSync } from 'node:fs';
import { parseProcStat, parseProcStatus, type ProcStat } from './proc-files.js';

// Reads a /proc file, or undefined when it is gone (the process ended) or unreadable.
export function readProcFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
}

// Every process of the given process groups, with the owner of its group: the group's members, then every
// descendant of those (a child that made a group of its own still belongs to its task). One pass over /proc.
export function groupMembers<T>(proc: string, byGroup: ReadonlyMap<number, T>): Map<number, T> {
  const owner = new Map<number, T>();
  const stats: ProcStat[] = [];
  for (const name of readdirSync(proc)) {
    if (name.charCodeAt(0) > 57) continue; // not a pid
    const text = readProcFile(`${proc}/${name}/stat`);
    const stat = text === undefined ? undefined : parseProcStat(text);
    if (stat === undefined) continue;
    stats.push(stat);
    const t = byGroup.get(stat.pgrp);
    if (t !== undefined) owner.set(stat.pid, t);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const s of stats) {
      const parent = owner.get(s.ppid);
      if (parent !== undefined && !owner.has(s.pid)) {
        owner.set(s.pid, parent);
        grew = true;
      }
    }
  }
  return owner;
}

// A process tree from its leader, through each process's children (/proc/PID/task/PID/children).
export function processTree(proc: string, leader: number): number[] {
  const pids = [leader];
  for (let i = 0; i < pids.length && i < 10_000; i++) {
    const kids = readProcFile(`${proc}/${pids[i]}/task/${pids[i]}/children`);
    if (kids !== undefined) for (const kid of kids.split(' ')) if (kid.trim() !== '') pids.push(Number(kid));
  }
  return pids;
}

export interface Look {
  readonly rssKiB: number; // VmHWM summed over the processes
  readonly vmemKiB: number; // VmPeak summed
  readonly pids: readonly number[]; // those still there
}

// The summed peak memory of the processes that are still there; undefined when none is.
export function lookAt(proc: string, pids: readonly number[]): Look | undefined {
  let rssKiB = 0;
  let vmemKiB = 0;
  const seen: number[] = [];
  for (const pid of pids) {
    const text = readProcFile(`${proc}/${pid}/status`);
    if (text === undefined) continue;
    const mem = parseProcStatus(text);
    rssKiB += mem.hwmKiB;
    vmemKiB += mem.peakKiB;
    seen.push(pid);
  }
  return seen.length === 0 ? undefined : { rssKiB, vmemKiB, pids: seen };
}
