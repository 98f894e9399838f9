// What `pipe run` writes about a run once it ends: the trace TSV, the HTML report and timeline, parallel's joblog.
import type { NodeSeries } from '../../engine/backend.js';
import type { Store } from '../../engine/store/store.js';
import type { TransferRecord } from '../progress/transfer-tally.js';

export interface RunFileOptions {
  readonly withTrace?: string | undefined;
  readonly withReport?: string | undefined;
  readonly withTimeline?: string | undefined;
  readonly joblog?: string | undefined;
}

// Writes each file the options ask for; the writers load only when asked for.
// `transfers` are staging's, shown in the trace and the report; `nodes`, the backend's node samples, in the report.
export async function writeRunFiles(
  store: Store,
  runId: string,
  options: RunFileOptions,
  transfers: readonly TransferRecord[] = [],
  nodes: () => Promise<readonly NodeSeries[]> | readonly NodeSeries[] = () => [],
): Promise<void> {
  if (options.withTrace !== undefined) {
    const { writeTraceFile } = await import('../trace/trace-file.js');
    writeTraceFile(store, runId, options.withTrace, transfers);
  }
  if (options.withReport !== undefined) {
    const { writeReport } = await import('../report/write-report.js');
    writeReport(store, runId, options.withReport, transfers, await nodes());
  }
  if (options.withTimeline !== undefined) {
    const { writeTimeline } = await import('../report/write-timeline.js');
    writeTimeline(store, runId, options.withTimeline);
  }
  if (options.joblog !== undefined) {
    const { writeJoblog } = await import('../trace/joblog.js');
    writeJoblog(store, runId, options.joblog);
  }
}

// Whether a run should record resource use: the trace, report and timeline show it.
export function wantsMonitoring(options: RunFileOptions): boolean {
  return options.withTrace !== undefined || options.withReport !== undefined || options.withTimeline !== undefined;
}
