// The report's section on the nodes of a run (pilot agents started with --monitor): a row per node with its load
// over the run (a sparkline, its mean and highest), its highest memory in use of the total, and each GPU's mean
// utilisation and highest memory; absent when no node reported figures.
import type { NodeSample, NodeSeries } from '../../engine/backend.js';
import { formatCount, formatDuration } from '../format.js';
import { traceMemory } from '../trace/nextflow-format.js';
import { esc } from './svg-charts.js';

const WIDTH = 160;
const HEIGHT = 28;

// The load over time as an SVG polyline, scaled to the highest load seen (at least 1).
function sparkline(samples: readonly NodeSample[]): string {
  const points = samples.filter((s) => s.load1 !== undefined);
  if (points.length < 2) return '';
  const t0 = points[0]!.at;
  const span = Math.max(1, points.at(-1)!.at - t0);
  const top = Math.max(1, ...points.map((s) => s.load1!));
  const xy = points.map(
    (s) => `${(((s.at - t0) / span) * WIDTH).toFixed(1)},${(HEIGHT - (s.load1! / top) * HEIGHT).toFixed(1)}`,
  );
  return (
    `<svg class="spark" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" ` +
    `aria-label="load over the run, up to ${top.toFixed(2)}"><polyline fill="none" stroke="currentColor" ` +
    `stroke-width="1.5" points="${xy.join(' ')}"/></svg>`
  );
}

const mean = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
const highest = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : Math.max(...values);
const defined = (values: readonly (number | undefined)[]): number[] => values.filter((v) => v !== undefined);

// Each GPU's mean utilisation and highest memory, "gpu0 71% · 30 GB/80 GB".
function gpuText(samples: readonly NodeSample[]): string {
  const byIndex = new Map<number, { util: number[]; mem: number[]; total?: number }>();
  for (const s of samples) {
    for (const gpu of s.gpus ?? []) {
      const entry = byIndex.get(gpu.index) ?? { util: [], mem: [] };
      if (gpu.utilPercent !== undefined) entry.util.push(gpu.utilPercent);
      if (gpu.memUsedBytes !== undefined) entry.mem.push(gpu.memUsedBytes);
      entry.total ??= gpu.memTotalBytes;
      byIndex.set(gpu.index, entry);
    }
  }
  const parts = [...byIndex].map(([index, g]) => {
    const util = mean(g.util);
    const mem = highest(g.mem);
    const total = g.total === undefined ? '' : `/${traceMemory(g.total)}`;
    return `gpu${index} ${util === undefined ? '-' : `${util.toFixed(0)}%`} · ${mem === undefined ? '-' : traceMemory(mem)}${total}`;
  });
  return parts.length === 0 ? '-' : parts.join('; ');
}

function row(series: NodeSeries): string {
  const { samples } = series;
  const loads = defined(samples.map((s) => s.load1));
  const memory = highest(defined(samples.map((s) => s.memUsedBytes)));
  const total = highest(defined(samples.map((s) => s.memTotalBytes)));
  const span = samples.length < 2 ? 0 : samples.at(-1)!.at - samples[0]!.at;
  const num = (v: number | undefined, text: string): string => `<td class="n" data-v="${v ?? -1}">${esc(text)}</td>`;
  return (
    `<tr><td><code>${esc(series.node)}</code></td><td>${esc(series.host)}</td>` +
    `${num(samples.length, `${formatCount(samples.length)} over ${formatDuration(span)}`)}` +
    `<td>${sparkline(samples)}</td>${num(mean(loads), mean(loads)?.toFixed(2) ?? '-')}` +
    `${num(highest(loads), highest(loads)?.toFixed(2) ?? '-')}` +
    `${num(memory, `${traceMemory(memory)}${total === undefined ? '' : ` of ${traceMemory(total)}`}`)}` +
    `<td>${esc(gpuText(samples))}</td></tr>`
  );
}

export function nodesSection(nodes: readonly NodeSeries[] | undefined): string {
  const reported = (nodes ?? []).filter((n) => n.samples.length > 0);
  if (reported.length === 0) return '';
  return (
    `<section id="nodes"><h2>Nodes (${formatCount(reported.length)})</h2>` +
    `<p class="muted">What each pilot agent's node reported with its heartbeats (<code>pipe agent --monitor</code>): ` +
    `the one-minute load average, memory in use and GPUs.</p><table class="sortable"><thead><tr><th>agent</th>` +
    `<th>host</th><th>samples</th><th>load over the run</th><th>mean load</th><th>highest load</th>` +
    `<th>highest memory in use</th><th>GPUs (mean use · highest memory)</th></tr></thead><tbody>` +
    `${reported.map(row).join('')}</tbody></table></section>`
  );
}
