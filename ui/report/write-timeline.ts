// `-with-timeline [FILE]` (and `--with-timeline FILE`): an HTML page with one bar per task attempt from its start to
// its end, as Nextflow's execution timeline, self-contained like the report.
import { writeFileSync } from 'node:fs';
import type { Store } from '../../engine/store/store.js';
import { formatDuration } from '../format.js';
import { traceDate } from '../trace/nextflow-format.js';
import { collectReport, type ReportData } from './collect-report.js';
import { REPORT_STYLE } from './render-report.js';
import { esc, timeline } from './svg-charts.js';

// The timeline page of a run.
export function renderTimeline(data: ReportData): string {
  const { run } = data;
  const t0 = Math.min(run.startedAt, ...data.timeline.map((b) => b.start));
  const bars = data.timeline.map((b) => ({
    ...b,
    className: ['succeeded', 'failed', 'cancelled'].includes(b.state) ? b.state : 'other',
  }));
  const rows = data.timeline.map(
    (b) =>
      `<tr><td>${esc(b.label)}</td><td class="status-${esc(b.state)}">${esc(b.state)}</td>` +
      `<td class="n">+${esc(formatDuration(b.start - t0))}</td><td class="n">${esc(formatDuration(b.end - b.start))}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pipe timeline: ${esc(run.id)}</title><style>${REPORT_STYLE}</style></head>
<body><header><h1>pipe timeline</h1><div class="sub">${esc(run.workflow)} · run ${esc(run.id)} · started ${esc(traceDate(run.startedAt))}</div></header><main>
<section id="timeline"><h2>Processes execution timeline</h2>${data.timelineByStep ? '<p class="muted">One bar per step (first start to last end): too many tasks to draw one by one.</p>' : ''}${
    timeline(bars, 'timeline') || '<p class="muted">No task ran in this run.</p>'
  }</section>
<section id="tasks"><h2>Tasks</h2><table><thead><tr><th>task</th><th>state</th><th>start</th><th>duration</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></section>
</main></body></html>
`;
}

// Writes the timeline of a run to `file`.
export function writeTimeline(store: Store, runId: string, file: string): void {
  writeFileSync(file, renderTimeline(collectReport(store, runId)));
}
