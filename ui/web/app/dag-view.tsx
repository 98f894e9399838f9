// The step graph drawn in layers: each step one level below the deepest step it depends on.
import type { Counts, Dag } from './types.js';
import { Progress } from './widgets.js';

// Levels of each node: longest path from a source (the graph is acyclic; a cycle stops at the node count).
export function levels(dag: Dag): Map<string, number> {
  const level = new Map(dag.nodes.map((n) => [n.id, 0]));
  for (let round = 0; round < dag.nodes.length; round++) {
    let changed = false;
    for (const e of dag.edges) {
      const next = (level.get(e.from) ?? 0) + 1;
      if (next > (level.get(e.to) ?? 0)) {
        level.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return level;
}

export function DagView({ dag, counts }: { dag: Dag; counts: Map<string, Counts> }) {
  const level = levels(dag);
  const rows = new Map<number, string[]>();
  for (const node of dag.nodes) {
    const l = level.get(node.id) ?? 0;
    rows.set(l, [...(rows.get(l) ?? []), node.id]);
  }
  const boxW = 170;
  const boxH = 44;
  const gapX = 30;
  const gapY = 40;
  const pos = new Map<string, { x: number; y: number }>();
  let width = 0;
  for (const [l, ids] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
    ids.forEach((id, i) => pos.set(id, { x: 10 + i * (boxW + gapX), y: 10 + l * (boxH + gapY) }));
    width = Math.max(width, ids.length * (boxW + gapX) + 10);
  }
  const height = (Math.max(0, ...level.values()) + 1) * (boxH + gapY) + 10;
  const names = new Map(dag.nodes.map((n) => [n.id, n.name]));
  return (
    <div className="card">
      <strong>Steps</strong>
      {dag.complete ? null : <div className="muted">edges unknown: {dag.reason}</div>}
      <div style={{ overflowX: 'auto' }}>
        <svg role="img" aria-label="step graph" width={width} height={height} style={{ position: 'relative' }}>
          {dag.edges.map((e, i) => {
            const a = pos.get(e.from);
            const b = pos.get(e.to);
            if (a === undefined || b === undefined) return null;
            return (
              <line
                key={i}
                x1={a.x + boxW / 2}
                y1={a.y + boxH}
                x2={b.x + boxW / 2}
                y2={b.y}
                stroke="#99a"
                strokeDasharray={e.kind === 'order' ? '4 3' : undefined}
              />
            );
          })}
          {[...pos.entries()].map(([id, p]) => (
            <g key={id} transform={`translate(${p.x},${p.y})`}>
              <rect width={boxW} height={boxH} rx={5} fill="#fff" stroke="#556" />
              <text x={8} y={16}>
                {(names.get(id) ?? id).slice(0, 26)}
              </text>
              <foreignObject x={8} y={24} width={boxW - 16} height={14}>
                <Progress counts={counts.get(id) ?? {}} />
              </foreignObject>
            </g>
          ))}
        </svg>
      </div>
    </div>
  );
}
