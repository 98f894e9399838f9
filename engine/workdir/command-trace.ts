// Reads `.command.trace`, the resource usage the task wrapper writes (Nextflow's "nextflow.trace/v2" format:
// one key=value per line; %cpu and %mem in tenths of a percent, rss/vmem/peak_rss/peak_vmem in KiB).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskResources } from '../resources.js';

export const TRACE_HEADER = 'nextflow.trace/v2';

// Parses the text of a .command.trace; undefined when it is not in the v2 format.
export function parseCommandTrace(text: string): TaskResources | undefined {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== TRACE_HEADER) return undefined;
  const values = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const n = Number(line.slice(eq + 1).trim());
    if (line.slice(eq + 1).trim() !== '' && Number.isFinite(n)) values.set(line.slice(0, eq).trim(), n);
  }
  const kib = (key: string): number | undefined => {
    const v = values.get(key);
    return v === undefined ? undefined : v * 1024;
  };
  const cpu = values.get('%cpu');
  const realtimeMs = values.get('realtime');
  const cpuPercent = cpu === undefined ? undefined : cpu / 10;
  return {
    realtimeMs,
    cpuMs:
      cpuPercent === undefined || realtimeMs === undefined ? undefined : Math.round((cpuPercent * realtimeMs) / 100),
    cpuPercent,
    peakRssBytes: kib('peak_rss'),
    peakVmemBytes: kib('peak_vmem'),
    rcharBytes: values.get('rchar'),
    wcharBytes: values.get('wchar'),
    readBytes: values.get('read_bytes'),
    writeBytes: values.get('write_bytes'),
    syscr: values.get('syscr'),
    syscw: values.get('syscw'),
  };
}

// Reads the .command.trace of a work dir; undefined when there is none (light tasks, monitoring off, killed early).
export function readCommandTrace(workDir: string | undefined): TaskResources | undefined {
  if (workDir === undefined) return undefined;
  try {
    return parseCommandTrace(readFileSync(join(workDir, '.command.trace'), 'utf8'));
  } catch {
    return undefined;
  }
}
