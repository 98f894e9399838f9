// Small pieces the pages share: a state badge, a progress bar by state, and a line chart.
import { STATES, total, type Counts } from './types.js';

export function Badge({ state }: { state: string }) {
  return <span className={`badge s-${state}`}>{state}</span>;
}

// A bar split by state, widths proportional to the counts.
export function Progress({ counts, of }: { counts: Counts; of?: number | undefined }) {
  const sum = Math.max(of ?? 0, total(counts), 1);
  return (
    <div
      className="bar"
      title={STATES.filter((s) => counts[s])
        .map((s) => `${s}: ${counts[s]}`)
        .join(', ')}
    >
      {STATES.map((s) =>
        counts[s] ? <div key={s} className={`s-${s}`} style={{ width: `${(100 * (counts[s] ?? 0)) / sum}%` }} /> : null,
      )}
    </div>
  );
}

// A line chart of one series over equal time buckets.
export function LineChart({
  title,
  values,
  bucketMs,
  unit,
}: {
  title: string;
  values: number[];
  bucketMs: number;
  unit: string;
}) {
  const width = 600;
  const height = 160;
  const pad = 30;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const points = values.map((v, i) => `${pad + i * step},${height - pad - ((height - 2 * pad) * v) / max}`).join(' ');
  return (
    <div className="card">
      <strong>{title}</strong>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%">
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#999" />
        <line x1={pad} y1={pad} x2={pad} y2={height - pad} stroke="#999" />
        <text x={2} y={pad}>
          {max.toFixed(max < 10 ? 1 : 0)}
        </text>
        <text x={2} y={height - pad}>
          0
        </text>
        <text
          x={width - pad - 120}
          y={height - 8}
        >{`${values.length} × ${(bucketMs / 1000).toFixed(2)} s ${unit}`}</text>
        {values.length > 0 ? <polyline fill="none" stroke="#2f6fdb" strokeWidth={2} points={points} /> : null}
      </svg>
    </div>
  );
}
