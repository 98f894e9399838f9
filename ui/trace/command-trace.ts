// Reads `.command.trace`, the resource usage the task wrapper writes (Nextflow's "nextflow.trace/v2" format:
// one key=value per line; %cpu and %mem in tenths of a percent, rss/vmem/peak_rss/peak_vmem in KiB).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ResourceUsage {
  readonly realtimeMs?: number | undefined;
  readonly cpuPercent?: number | undefined;
  readonly peakRssBytes?: number | undefined;
  readonly peakVmemBytes?: number | undefined;
  readonly rcharBytes?: number | undefined;
  readonly wcharBytes?: number | undefined;
  readonly readBytes?: number | undefined;
  readonly writeBytes?: number | undefined;
  readonly syscr?: number | undefined;
  readonly syscw?: number | undefined;
}

export const TRACE_HEADER = 'nextflow.trace/v2';

// Parses the text of a .command.trace; undefined when it is not in the v2 format.
export function parseCommandTrace(text: string): ResourceUsage | undefined {
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
  return {
    realtimeMs: values.get('realtime'),
    cpuPercent: cpu === undefined ? undefined : cpu / 10,
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
export function readCommandTrace(workDir: string | undefined): ResourceUsage | undefined {
  if (workDir === undefined) return undefined;
  try {
    return parseCommandTrace(readFileSync(join(workDir, '.command.trace'), 'utf8'));
  } catch {
    return undefined;
  }
}
