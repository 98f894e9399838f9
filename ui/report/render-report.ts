// The HTML report: one self-contained file (inline CSS, SVG and a few lines of JS; nothing fetched) with the run's
// summary, per-step durations and resource use, failed tasks with their stderr tails, and a timeline.
import { formatCount, formatDuration } from '../format.js';
import { traceDate, traceMemory } from '../trace/nextflow-format.js';
import type { ReportData, StepReport } from './collect-report.js';
import { nodesSection } from './render-nodes.js';
import { transfersSection } from './render-transfers.js';
import { boxPlot, esc, timeline } from './svg-charts.js';

export const REPORT_STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header .sub{opacity:.8;font-size:13px}main{padding:8px 28px 40px;max-width:1100px}
section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:14px 18px;margin:16px 0}
h2{font-size:17px;margin:0 0 10px}.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{border:1px solid #dde1e6;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:20px}.card.failed b{color:#c0392b}.card.succeeded b{color:#2e7d32}
.card.cached b{color:#1f78b4}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceff2;font-size:13px}
th{cursor:pointer;user-select:none;background:#f2f4f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#1e1e1e;color:#eee;padding:8px 10px;border-radius:4px;overflow:auto;max-height:260px;font-size:12px}
code{font-size:12px}.status-succeeded{color:#2e7d32}.status-failed{color:#c0392b}.status-cancelled{color:#b26a00}
svg.chart{max-width:100%;height:auto;font-size:11px}svg .grid{stroke:#e3e6ea}svg .tick{fill:#667}
svg .label{fill:#333}svg .box rect{fill:#9ecae1;stroke:#3182bd}svg .whisker{stroke:#3182bd}
svg .median{stroke:#08306b;stroke-width:2}svg rect.succeeded{fill:#66bb6a}svg rect.failed{fill:#e57373}
svg rect.cancelled{fill:#ffb74d}svg rect.other{fill:#90a4ae}.muted{color:#667}
`;

// Sorts a table by the clicked column (numbers numerically); the only script in the report.
const SCRIPT = `
document.querySelectorAll('table.sortable th').forEach(function (th, col) {
  th.addEventListener('click', function () {
    var body = th.closest('table').tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var dir = th.dataset.dir === 'asc' ? -1 : 1;
    th.dataset.dir = dir === 1 ? 'asc' : 'desc';
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.v || a.cells[col].textContent, y = b.cells[col].dataset.v || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      return (isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
`;

// A summary card.
function card(label: string, value: string, cls = ''): string {
  return `<div class="card ${cls}"><span class="muted">${esc(label)}</span><b>${esc(value)}</b></div>`;
}

// The median of values, or undefined when there are none.
function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// One row of the step table.
function stepRow(s: StepReport): string {
  const med = median(s.durationsMs);
  const cpu = median(s.cpuPercents);
  const rss = s.peakRssBytes.length === 0 ? undefined : Math.max(...s.peakRssBytes);
  const num = (v: number | undefined, text: string): string => `<td class="n" data-v="${v ?? -1}">${esc(text)}</td>`;
  return (
    `<tr><td>${esc(s.name)}</td>${num(s.attempts, formatCount(s.attempts))}${num(s.succeeded, formatCount(s.succeeded))}` +
    `${num(s.cached, formatCount(s.cached))}${num(s.failed, formatCount(s.failed))}` +
    `${num(med, med === undefined ? '-' : formatDuration(med))}${num(cpu, cpu === undefined ? '-' : `${cpu.toFixed(1)}%`)}` +
    `${num(rss, traceMemory(rss))}</tr>`
  );
}

// The whole report as one HTML string.
export function renderReport(data: ReportData): string {
  const { run } = data;
  const took = run.finishedAt === undefined ? undefined : run.finishedAt - run.startedAt;
  const c = data.counts;
  const cards = [
    card('status', run.status, run.status === 'succeeded' ? 'succeeded' : 'failed'),
    card('duration', took === undefined ? '-' : formatDuration(took)),
    card('succeeded', formatCount(c.succeeded ?? 0), 'succeeded'),
    card('cached', formatCount(c.cached ?? 0), 'cached'),
    card('failed', formatCount(c.failed ?? 0), 'failed'),
    card('cancelled', formatCount(c.cancelled ?? 0)),
    card('CPU hours', data.cpuHours.toFixed(data.cpuHours < 10 ? 3 : 1)),
  ].join('');
  let argv = '';
  try {
    argv = (JSON.parse(run.argv) as string[]).join(' ');
  } catch {
    argv = run.argv;
  }
  const durations = boxPlot(
    data.steps.map((s) => ({ label: s.name, values: s.durationsMs })),
    (v) => formatDuration(v),
    'task durations per step',
  );
  const usage = resourcePlots(data.steps);
  const noUsage =
    '<p class="muted">No resource figures: run with <code>--with-monitoring</code>, <code>--with-trace</code> or <code>--with-report</code> (docs/monitoring.md).</p>';
  const bars = data.timeline.map((b) => ({
    ...b,
    className: ['succeeded', 'failed', 'cancelled'].includes(b.state) ? b.state : 'other',
  }));
  const failures = data.failed.map(
    (f) =>
      `<div class="failure"><h3>task ${esc(f.taskId)} <span class="muted">(${esc(f.step)}, attempt ${f.attempt})</span>: ` +
      `<span class="status-failed">${esc(f.reason)}</span></h3><p>command: <code>${esc(f.command)}</code></p>` +
      (f.log === undefined ? '' : `<p class="muted">log: <code>${esc(f.log)}</code></p>`) +
      `<pre>${esc(f.stderrTail ?? '(the task wrote nothing to stderr)')}</pre></div>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pipe report: ${esc(run.id)}</title><style>${REPORT_STYLE}</style></head>
<body><header><h1>pipe report</h1><div class="sub">${esc(run.workflow)} · run ${esc(run.id)}</div></header><main>
<section id="summary"><h2>Summary</h2><div class="cards">${cards}</div>
<p>started ${esc(traceDate(run.startedAt))}${run.finishedAt === undefined ? '' : `, finished ${esc(traceDate(run.finishedAt))}`} ·
backend <b>${esc(run.backend)}</b> · host ${esc(run.host)}${run.resumedFrom === undefined ? '' : ` · resumed ${esc(run.resumedFrom)}`}</p>
<p>command: <code>pipe ${esc(argv)}</code></p></section>
<section id="steps"><h2>Steps</h2><table class="sortable"><thead><tr><th>step</th><th>attempts</th><th>succeeded</th>
<th>cached</th><th>failed</th><th>median time</th><th>median CPU</th><th>peak memory</th></tr></thead>
<tbody>${data.steps.map(stepRow).join('')}</tbody></table></section>
<section id="durations"><h2>Task durations</h2>${durations || '<p class="muted">No task ran in this run.</p>'}</section>
<section id="resources"><h2>Resource use</h2>${usage === '' ? noUsage : usage}</section>
<section id="failures"><h2>Failed tasks (${formatCount(data.failedTotal)})</h2>${failures.join('') || '<p>None.</p>'}${
    data.failedTotal > data.failed.length
      ? `<p class="muted">${data.failedTotal - data.failed.length} more: <code>pipe status ${esc(run.id)}</code></p>`
      : ''
  }</section>
${transfersSection(data.transfers)}
${nodesSection(data.nodes)}
<section id="timeline"><h2>Timeline</h2>${data.timelineByStep ? '<p class="muted">One bar per step (first start to last end): too many tasks to draw one by one.</p>' : ''}${
    timeline(bars, 'timeline') || '<p class="muted">No task ran in this run.</p>'
  }</section>
</main><script>${SCRIPT}</script></body></html>
`;
}

// The per-step box plots of what the tasks used: CPU, memory, I/O and GPU, each where some attempt has figures.
function resourcePlots(steps: ReportData['steps']): string {
  const percent = (v: number): string => `${v.toFixed(0)}%`;
  const plots: [string, string, (s: ReportData['steps'][number]) => number[], (v: number) => string][] = [
    ['cpu', 'CPU (%CPU of one core)', (s) => s.cpuPercents, percent],
    ['memory', 'Peak memory (RSS)', (s) => s.peakRssBytes, traceMemory],
    ['vmem', 'Peak virtual memory', (s) => s.peakVmemBytes, traceMemory],
    ['io-read', 'Data read (rchar)', (s) => s.readBytes, traceMemory],
    ['io-write', 'Data written (wchar)', (s) => s.writeBytes, traceMemory],
    ['gpu', 'GPU utilisation', (s) => s.gpuUtilPercents, percent],
    ['gpu-memory', 'Peak GPU memory', (s) => s.peakGpuMemBytes, traceMemory],
  ];
  return plots
    .map(([id, title, values, fmt]) => {
      const svg = boxPlot(
        steps.map((s) => ({ label: s.name, values: values(s) })),
        fmt,
        `${title} per step`,
      );
      return svg === '' ? '' : `<div id="usage-${id}"><h3>${esc(title)}</h3>${svg}</div>`;
    })
    .join('');
}
