// Small formatters shared by every printed view.

// A duration as "1h02m", "3m05s", "4.2s" or "120ms".
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(sec).padStart(2, '0')}s`;
}

// An integer with thousands separators (without toLocaleString, whose first call loads ICU: ~10 ms).
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// A wall-clock time as HH:MM:SS.
export function formatClock(time: number): string {
  return new Date(time).toTimeString().slice(0, 8);
}

// Cuts text to `width` characters with an ellipsis, on one line.
export function truncate(text: string, width: number): string {
  const line = text.replace(/\s*\n\s*/g, ' ⏎ ');
  return line.length <= width ? line : `${line.slice(0, Math.max(0, width - 1))}…`;
}

// Lays rows out in left-aligned columns separated by two spaces.
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}
