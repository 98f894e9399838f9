// Gathers what the HTML report shows from the store and the work dirs: per-step statistics (time, CPU, memory,
// I/O when the run was monitored), failures with the tail of their stderr, and the timeline of attempts.
import type { NodeSeries } from '../../engine/backend.js';
import { join } from 'node:path';
import { StoreError } from '../../engine/errors.js';
import { taskDisplayName } from '../../engine/task.js';
import type { TaskResources } from '../../engine/resources.js';
import type { RunRecord, Store, TaskRecord } from '../../engine/store/store.js';
import { tailOf } from '../commands/store-access.js';
import type { TransferRecord } from '../progress/transfer-tally.js';
import { resourceLookup } from '../trace/task-resources.js';

export interface StepReport {
  readonly id: string;
  readonly name: string;
  readonly attempts: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cached: number;
  readonly cancelled: number;
  readonly durationsMs: number[]; // realtime of attempts that ran
  readonly cpuPercents: number[]; // of monitored attempts
  readonly peakRssBytes: number[];
  readonly peakVmemBytes: number[];
  readonly readBytes: number[]; // rchar: all bytes the attempt read
  readonly writeBytes: number[]; // wchar
  readonly gpuUtilPercents: number[];
  readonly peakGpuMemBytes: number[];
  readonly firstStart?: number | undefined;
  readonly lastEnd?: number | undefined;
}

export interface FailedTask {
  readonly taskId: string;
  readonly step: string;
  readonly attempt: number;
  readonly exitCode?: number | undefined;
  readonly reason: string;
  readonly command: string;
  readonly log?: string | undefined; // the file the stderr tail came from
  readonly stderrTail?: string | undefined;
}

export interface TimelineBar {
  readonly label: string;
  readonly state: TaskRecord['state'];
  readonly start: number;
  readonly end: number;
}

export interface ReportData {
  readonly run: RunRecord;
  readonly steps: readonly StepReport[];
  readonly failed: readonly FailedTask[];
  readonly failedTotal: number;
  readonly timeline: readonly TimelineBar[];
  readonly timelineByStep: boolean; // too many attempts: one bar per step instead of one per attempt
  readonly counts: Readonly<Record<string, number>>;
  readonly cpuHours: number;
  readonly transfers?: readonly TransferRecord[] | undefined; // staging's, when the run's events were seen
  readonly nodes?: readonly NodeSeries[] | undefined; // the backend's nodes (pilot agents with --monitor)
}

const MAX_FAILED = 50;
const MAX_TIMELINE_TASKS = 400;
const STDERR_LINES = 20;

// Collects the report data of one run.
export function collectReport(store: Store, runId: string): ReportData {
  const run = store.getRun(runId);
  if (run === undefined)
    throw new StoreError(`no run "${runId}" in the store`, { hint: 'list the runs with `pipe status --runs`' });
  const steps = new Map<string, StepReport>();
  for (const s of store.getSteps(runId)) {
    steps.set(s.stepId, {
      id: s.stepId,
      name: s.name,
      attempts: 0,
      succeeded: 0,
      failed: 0,
      cached: 0,
      cancelled: 0,
      durationsMs: [],
      cpuPercents: [],
      peakRssBytes: [],
      peakVmemBytes: [],
      readBytes: [],
      writeBytes: [],
      gpuUtilPercents: [],
      peakGpuMemBytes: [],
    });
  }
  const failed: FailedTask[] = [];
  let failedTotal = 0;
  let cpuMs = 0;
  const bars: TimelineBar[] = [];
  let attempts = 0;
  const usageOf = resourceLookup(store, runId);
  for (const task of store.tasks({ runId })) {
    const step = steps.get(task.stepId);
    if (step === undefined) continue;
    attempts += 1;
    const s = step as { -readonly [K in keyof StepReport]: StepReport[K] };
    s.attempts += 1;
    if (task.state === 'succeeded') s.succeeded += 1;
    else if (task.state === 'failed') s.failed += 1;
    else if (task.state === 'cached') s.cached += 1;
    else if (task.state === 'cancelled') s.cancelled += 1;
    const start = task.startedAt ?? task.submittedAt;
    if (start !== undefined && task.endedAt !== undefined && task.state !== 'cached') {
      s.durationsMs.push(task.endedAt - start);
      s.firstStart = Math.min(s.firstStart ?? start, start);
      s.lastEnd = Math.max(s.lastEnd ?? task.endedAt, task.endedAt);
      if (bars.length <= MAX_TIMELINE_TASKS)
        bars.push({
          label: taskDisplayName(step.name, task.stepId, task.taskId),
          state: task.state,
          start,
          end: task.endedAt,
        });
      const usage = usageOf(task);
      if (usage?.cpuPercent !== undefined) {
        s.cpuPercents.push(usage.cpuPercent);
        cpuMs += usage.cpuMs ?? (usage.cpuPercent / 100) * (usage.realtimeMs ?? task.endedAt - start);
      }
      if (usage !== undefined) addUsage(s, usage);
    }
    if (task.state === 'failed') {
      failedTotal += 1;
      if (failed.length < MAX_FAILED) failed.push(failure(task, step.name));
    }
  }
  const timelineByStep = attempts > MAX_TIMELINE_TASKS || bars.length > MAX_TIMELINE_TASKS;
  const timeline = timelineByStep ? stepBars([...steps.values()]) : bars.sort((a, b) => a.start - b.start);
  return {
    run,
    steps: [...steps.values()],
    failed,
    failedTotal,
    timeline,
    timelineByStep,
    counts: store.countByState(runId),
    cpuHours: cpuMs / 3_600_000,
  };
}

// Adds an attempt's memory, I/O and GPU figures to its step's series.
function addUsage(step: StepReport, usage: TaskResources): void {
  const add = (series: number[], value: number | undefined): void => {
    if (value !== undefined) series.push(value);
  };
  add(step.peakRssBytes, usage.peakRssBytes);
  add(step.peakVmemBytes, usage.peakVmemBytes);
  add(step.readBytes, usage.rcharBytes);
  add(step.writeBytes, usage.wcharBytes);
  add(step.gpuUtilPercents, usage.gpuUtilPercent);
  add(step.peakGpuMemBytes, usage.peakGpuMemBytes);
}

// One bar per step, from its first start to its last end.
function stepBars(steps: readonly StepReport[]): TimelineBar[] {
  const bars: TimelineBar[] = [];
  for (const s of steps) {
    if (s.firstStart === undefined || s.lastEnd === undefined) continue;
    bars.push({
      label: `${s.name} (${s.attempts} attempts)`,
      state: s.failed > 0 ? 'failed' : 'succeeded',
      start: s.firstStart,
      end: s.lastEnd,
    });
  }
  return bars.sort((a, b) => a.start - b.start);
}

// A failed attempt with the tail of its stderr: the kept tail of a light task, or the work dir's .command.err.
function failure(task: TaskRecord, step: string): FailedTask {
  const log = task.errFile ?? (task.workDir === undefined ? undefined : join(task.workDir, '.command.err'));
  return {
    taskId: task.taskId,
    step,
    attempt: task.attempt,
    exitCode: task.exitCode,
    reason: task.reason ?? (task.exitCode === undefined ? 'failed' : `exit code ${task.exitCode}`),
    command: task.command,
    log,
    stderrTail: log === undefined ? undefined : tailOf(log, STDERR_LINES),
  };
}
