// How the node sampler finds a task's processes in /proc and reads their peak memory.
import { readFileSync } from 'node:fs';
import { parseProcStat, parseProcStatus } from './proc-files.js';

// Reads a /proc file, or undefined when it is gone (the process ended) or unreadable.
export function readProcFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
}

// The process trees from `roots`, through each process's children (/proc/PID/task/PID/children), each pid once.
export function processTree(proc: string, roots: readonly number[]): number[] {
  const pids = [...new Set(roots)];
  const seen = new Set(pids);
  for (let i = 0; i < pids.length && i < 10_000; i++) {
    const kids = readProcFile(`${proc}/${pids[i]}/task/${pids[i]}/children`);
    if (kids === undefined) continue;
    for (const word of kids.split(' ')) {
      const kid = Number(word);
      if (word.trim() === '' || seen.has(kid)) continue;
      seen.add(kid);
      pids.push(kid);
    }
  }
  return pids;
}

// A task's processes now: the tree from its leader (pid = pgid), plus the processes seen before that left it
// (their parent ended and they were reparented) while they stay in the task's process group, with their trees.
// Reads two small files per process of the task, however many other processes the node runs.
export function taskProcesses(proc: string, pgid: number, known: readonly number[]): number[] {
  const pids = processTree(proc, [pgid]);
  const inTree = new Set(pids);
  const strays = known.filter((pid) => {
    if (inTree.has(pid)) return false;
    const text = readProcFile(`${proc}/${pid}/stat`);
    return text !== undefined && parseProcStat(text)?.pgrp === pgid;
  });
  if (strays.length === 0) return pids;
  for (const pid of processTree(proc, strays)) if (!inTree.has(pid)) pids.push(pid);
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
