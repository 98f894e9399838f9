// Staging's transfers as rows of the trace TSV, after the tasks' rows: one per remote file and direction, named
// `stage in: URI` or `stage out: URI`, with its times and the bytes moved (rchar for a fetch, wchar for a put).
import type { TransferRecord, TransferState } from '../progress/transfer-tally.js';
import { NA, traceDate, traceDuration, traceMemory } from './nextflow-format.js';

const STATUS: Readonly<Record<TransferState, string>> = {
  running: 'RUNNING',
  done: 'COMPLETED',
  reused: 'CACHED',
  failed: 'FAILED',
};

// The cells of one transfer by trace column; columns it has no figure for are '-'.
function cellsOf(t: TransferRecord, index: number): Readonly<Record<string, string>> {
  const took = t.endedAt === undefined ? undefined : t.endedAt - t.startedAt;
  const moved = t.state === 'reused' ? undefined : t.bytes;
  return {
    task_id: `stage-${t.direction}-${index + 1}`,
    name: `stage ${t.direction}: ${t.uri}`,
    status: STATUS[t.state],
    submit: traceDate(t.startedAt),
    duration: traceDuration(took),
    realtime: traceDuration(took),
    attempt: String(Math.max(1, t.attempts)),
    [t.direction === 'in' ? 'rchar' : 'wchar']: traceMemory(moved),
    error_action: t.reason ?? NA,
  };
}

// One TSV line per transfer, with the cells in `columns`' order.
export function transferTraceRows(transfers: readonly TransferRecord[], columns: readonly string[]): string[] {
  return transfers.map((t, i) => {
    const cells = cellsOf(t, i);
    return columns.map((c) => (cells[c] ?? NA).replace(/[\t\r\n]+/g, ' ')).join('\t');
  });
}
