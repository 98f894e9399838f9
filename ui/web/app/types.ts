// Shapes of the API's answers, as the dashboard reads them.
export type Counts = Record<string, number>;

export interface Run {
  id: string;
  workflow: string;
  launchDir: string;
  backend: string;
  status: string;
  startedAt: number;
  finishedAt?: number;
  resumedFrom?: string;
  argv: string;
  counts?: Counts;
}

export interface Task {
  taskId: string;
  stepId: string;
  attempt: number;
  state: string;
  exitCode?: number;
  reason?: string;
  command: string;
  workDir?: string;
  submittedAt?: number;
  startedAt?: number;
  endedAt?: number;
  tags: Record<string, string>;
  stderrTail?: string;
  resources?: Record<string, number | undefined>;
}

export interface RunDetail {
  run: Run;
  status: string;
  counts: Counts;
  steps: { id: string; name: string; total?: number; counts: Counts }[];
}

export interface Series {
  start: number;
  bucketMs: number;
  ended: number[];
  running: number[];
}

export interface Dag {
  nodes: { id: string; name: string; tasks?: number }[];
  edges: { from: string; to: string; kind: string }[];
  complete: boolean;
  reason?: string;
}

export const STATES = ['succeeded', 'cached', 'failed', 'running', 'submitted', 'pending', 'cancelled'] as const;

// "1.2 s", "3 m 4 s", "2 h 5 m".
export function duration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} m`;
}

export function clock(ms: number | undefined): string {
  return ms === undefined ? '-' : new Date(ms).toLocaleString();
}

export function total(counts: Counts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

// The live view's snapshot of a running run (ui/tui/run-model.ts), as the run's tap sends it.
export interface LiveView {
  total: number;
  done: number;
  cached: number;
  failed: number;
  running: number;
  ratePerSec: number;
  etaMs?: number;
  steps: { id: string; name: string; total: number; done: number; failed: number; running: number }[];
  transfers?: { running: number; done: number; reused: number; failed: number; bytes: number; totalBytes: number };
}

export interface LiveMessage {
  type: 'tap.snapshot';
  time: number;
  snapshot: LiveView;
}
