// Inline SVG charts for the report: horizontal box plots per step and a timeline. Plain strings, no library.
import { formatDuration } from '../format.js';

export interface BoxSeries {
  readonly label: string;
  readonly values: readonly number[];
}

export interface Bar {
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly className: string; // CSS class giving the bar its colour
}

// Escapes text for HTML and SVG.
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The q-quantile of sorted values, interpolated.
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

const LABEL_W = 200;
const PLOT_W = 560;
const ROW_H = 22;
const AXIS_H = 24;

// Axis ticks from 0 to max: five steps, labelled with `fmt`.
function axis(max: number, top: number, fmt: (v: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const x = LABEL_W + (PLOT_W * i) / 4;
    parts.push(
      `<line class="grid" x1="${x}" y1="0" x2="${x}" y2="${top}"/>`,
      `<text class="tick" x="${x}" y="${top + 16}" text-anchor="middle">${esc(fmt((max * i) / 4))}</text>`,
    );
  }
  return parts.join('');
}

// Box plots (min, quartiles, median, max) of each series on one shared axis; series without values are skipped.
export function boxPlot(series: readonly BoxSeries[], fmt: (v: number) => string, title: string): string {
  const rows = series
    .filter((s) => s.values.length > 0)
    .map((s) => ({ label: s.label, sorted: [...s.values].sort((a, b) => a - b) }));
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map((r) => r.sorted[r.sorted.length - 1] as number), 1e-9);
  const x = (v: number): number => LABEL_W + (v / max) * PLOT_W;
  const height = rows.length * ROW_H;
  const body = rows.map((r, i) => {
    const y = i * ROW_H + ROW_H / 2;
    const [lo, q1, med, q3, hi] = [0, 0.25, 0.5, 0.75, 1].map((q) => quantile(r.sorted, q)) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const tip = `${r.label}: n=${r.sorted.length}, min ${fmt(lo)}, median ${fmt(med)}, max ${fmt(hi)}`;
    return (
      `<g class="box"><title>${esc(tip)}</title>` +
      `<text class="label" x="${LABEL_W - 8}" y="${y + 4}" text-anchor="end">${esc(clip(r.label, 28))}</text>` +
      `<line class="whisker" x1="${x(lo)}" y1="${y}" x2="${x(hi)}" y2="${y}"/>` +
      `<rect x="${x(q1)}" y="${y - 7}" width="${Math.max(1, x(q3) - x(q1))}" height="14"/>` +
      `<line class="median" x1="${x(med)}" y1="${y - 7}" x2="${x(med)}" y2="${y + 7}"/></g>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${LABEL_W + PLOT_W + 40} ${height + AXIS_H}" ` +
    `width="${LABEL_W + PLOT_W + 40}" height="${height + AXIS_H}">${axis(max, height, fmt)}${body.join('')}</svg>`
  );
}

// A timeline: one horizontal bar per entry from its start to its end, relative to the earliest start.
export function timeline(bars: readonly Bar[], title: string): string {
  if (bars.length === 0) return '';
  const t0 = Math.min(...bars.map((b) => b.start));
  const span = Math.max(1, Math.max(...bars.map((b) => b.end)) - t0);
  const rowH = bars.length > 100 ? 6 : 16;
  const height = bars.length * rowH;
  const x = (t: number): number => LABEL_W + ((t - t0) / span) * PLOT_W;
  const body = bars.map((b, i) => {
    const y = i * rowH;
    const label =
      rowH >= 12
        ? `<text class="label" x="${LABEL_W - 8}" y="${y + rowH - 4}" text-anchor="end">${esc(clip(b.label, 28))}</text>`
        : '';
    return (
      `<g><title>${esc(`${b.label}: ${formatDuration(b.end - b.start)}, from +${formatDuration(b.start - t0)}`)}</title>${label}` +
      `<rect class="${b.className}" x="${x(b.start)}" y="${y + 1}" width="${Math.max(1, x(b.end) - x(b.start))}" height="${rowH - 2}"/></g>`
    );
  });
  return (
    `<svg class="chart timeline" role="img" aria-label="${esc(title)}" viewBox="0 0 ${LABEL_W + PLOT_W + 40} ${height + AXIS_H}" ` +
    `width="${LABEL_W + PLOT_W + 40}" height="${height + AXIS_H}">${axis(span, height, (v) => `+${formatDuration(v)}`)}${body.join('')}</svg>`
  );
}

// Shortens a label with an ellipsis.
function clip(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}
