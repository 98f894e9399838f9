// The report's section on staging: one row per remote file and direction, with its outcome, bytes, attempts and
// time; absent when the run moved no remote file.
import { formatCount, formatDuration } from '../format.js';
import type { TransferRecord } from '../progress/transfer-tally.js';
import { traceMemory } from '../trace/nextflow-format.js';
import { esc } from './svg-charts.js';

const STATE_CLASS: Readonly<Record<TransferRecord['state'], string>> = {
  running: '',
  done: 'status-succeeded',
  reused: 'muted',
  failed: 'status-failed',
};

function row(t: TransferRecord): string {
  const took = t.endedAt === undefined ? undefined : t.endedAt - t.startedAt;
  const num = (v: number | undefined, text: string): string => `<td class="n" data-v="${v ?? -1}">${esc(text)}</td>`;
  return (
    `<tr><td>${t.direction === 'in' ? 'fetch' : 'put'}</td><td><code>${esc(t.uri)}</code></td>` +
    `<td class="${STATE_CLASS[t.state]}">${esc(t.state)}${t.reason === undefined ? '' : `: ${esc(t.reason)}`}</td>` +
    `${num(t.bytes, traceMemory(t.bytes))}${num(t.attempts, formatCount(t.attempts))}` +
    `${num(took, took === undefined ? '-' : formatDuration(took))}</tr>`
  );
}

export function transfersSection(transfers: readonly TransferRecord[] | undefined): string {
  if (transfers === undefined || transfers.length === 0) return '';
  const count = (state: TransferRecord['state']): number => transfers.filter((t) => t.state === state).length;
  return (
    `<section id="transfers"><h2>Transfers (${formatCount(transfers.length)})</h2>` +
    `<p>${formatCount(count('done'))} done, ${formatCount(count('reused'))} reused from the staging cache, ` +
    `${formatCount(count('failed'))} failed</p><table class="sortable"><thead><tr><th>direction</th><th>URI</th>` +
    `<th>outcome</th><th>bytes</th><th>attempts</th><th>time</th></tr></thead><tbody>` +
    `${transfers.map(row).join('')}</tbody></table></section>`
  );
}
