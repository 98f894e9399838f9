// Nextflow's trace value formats, so tools that read its trace files read pipe's:
// https://www.nextflow.io/docs/latest/reports.html#trace-file (TraceRecord's date, time, mem and perc formatters).

export const NA = '-';

// A timestamp as "yyyy-MM-dd HH:mm:ss.SSS" in local time.
export function traceDate(ms: number | undefined): string {
  if (ms === undefined || ms <= 0) return NA;
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`
  );
}

// A duration as Nextflow prints it: "340ms", "5.0s", "1m 5s", "2h 3s", "1d 4h".
export function traceDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return NA;
  const whole = Math.round(ms);
  if (whole < 1000) return `${whole}ms`;
  if (whole < 60_000) {
    const tenths = Math.round(whole / 100) / 10;
    return `${Number.isInteger(tenths) ? tenths.toFixed(1) : String(tenths)}s`;
  }
  let secs = Math.round(whole / 1000);
  let mins = Math.floor(secs / 60);
  secs %= 60;
  let hours = Math.floor(mins / 60);
  mins %= 60;
  const days = Math.floor(hours / 24);
  hours %= 24;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}d`);
  if (hours > 0) parts.push(`${hours}h`);
  if (mins > 0) parts.push(`${mins}m`);
  if (secs > 0) parts.push(`${secs}s`);
  return parts.join(' ');
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

// A byte count as Nextflow prints it: "0", "512 B", "29.8 MB", "1 GB" (powers of 1024, at most one decimal).
export function traceMemory(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return NA;
  if (bytes <= 0) return '0';
  const group = Math.min(UNITS.length - 1, Math.floor(Math.log10(bytes) / Math.log10(1024)));
  const value = bytes / 1024 ** group;
  return `${roundHalfEven(value * 10) / 10} ${UNITS[group]}`;
}

// A percentage with one decimal: "96.3%".
export function tracePercent(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NA;
  return `${value.toFixed(1)}%`;
}

// Rounds half to even, as Java's DecimalFormat does by default.
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (Math.abs(diff - 0.5) > 1e-9) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}
