// The live view's model: counters updated in O(1) per event, and a snapshot of them taken once per frame.
import type { PipeEvent, RunFinishedEvent } from '../../engine/events.js';
import { createTransferTally, type TransferSummary } from '../progress/transfer-tally.js';

export interface StepCounts {
  readonly id: string;
  name: string;
  total: number; // tasks known so far
  final: boolean; // the step will produce no more tasks
  opened: boolean; // its dependencies finished and it started producing tasks
  done: number; // tasks in a final state (succeeded, failed, cancelled or cached)
  cached: number;
  failed: number;
  cancelled: number;
  running: number; // started: the backend says they run
  queued: number; // submitted, not started yet (waiting in a launcher's or a scheduler's queue)
  lastTag: string | undefined; // tag (or id) of the latest task that started
}

export interface ErrorLine {
  readonly time: number;
  readonly taskId: string;
  readonly step: string;
  readonly attempt: number;
  readonly reason: string;
  readonly where?: string | undefined; // work dir or stderr file
}

export interface RunSnapshot {
  readonly workflow: string;
  readonly runId: string;
  readonly backend: string;
  readonly resumedFrom?: string | undefined;
  readonly now: number;
  readonly elapsedMs: number;
  readonly etaMs?: number | undefined;
  readonly ratePerSec: number;
  readonly total: number;
  readonly done: number;
  readonly cached: number;
  readonly failed: number;
  readonly running: number; // started
  readonly queued: number; // submitted, not started yet
  readonly steps: readonly StepCounts[]; // live objects: read them while rendering, never keep them
  readonly errors: readonly ErrorLine[];
  readonly notices: readonly string[];
  readonly transfers?: TransferSummary | undefined; // staging's transfers, once there was one
  readonly finished?: RunFinishedEvent | undefined;
}

export interface RunModel {
  onEvent(event: PipeEvent): void;
  // A line to show under the steps (signals received, where task output goes).
  notice(text: string): void;
  // Whether anything changed since the last snapshot.
  dirty(): boolean;
  snapshot(now: number): RunSnapshot;
}

const KEPT_ERRORS = 5;
const KEPT_NOTICES = 3;

// Creates an empty model; feed it every event of one run. `expected` holds the task counts steps are known to
// have before they open (from the step graph), so totals and ETA cover steps still waiting.
export function createRunModel(expected: ReadonlyMap<string, number> = new Map()): RunModel {
  let header = { workflow: '', runId: '', backend: '', resumedFrom: undefined as string | undefined };
  let startedAt: number | undefined;
  let firstRunAt: number | undefined;
  let total = 0;
  let done = 0;
  let cached = 0;
  let failed = 0;
  let running = 0;
  let queued = 0;
  let changed = true;
  let finished: RunFinishedEvent | undefined;
  const steps: StepCounts[] = [];
  const byId = new Map<string, StepCounts>();
  const errors: ErrorLine[] = [];
  const notices: string[] = [];
  const transfers = createTransferTally();

  // The counters of a step, created on first sight for steps the run.started event did not list.
  const step = (id: string): StepCounts => {
    let s = byId.get(id);
    if (s === undefined) {
      s = {
        id,
        name: id,
        total: 0,
        final: false,
        opened: false,
        done: 0,
        cached: 0,
        failed: 0,
        cancelled: 0,
        running: 0,
        queued: 0,
        lastTag: undefined,
      };
      byId.set(id, s);
      steps.push(s);
    }
    return s;
  };

  return {
    onEvent(event) {
      const wasChanged = changed;
      changed = true;
      switch (event.type) {
        case 'run.started':
          header = {
            workflow: event.workflow,
            runId: event.runId,
            backend: event.backend,
            resumedFrom: event.resumedFrom,
          };
          startedAt = event.time;
          for (const s of event.steps) {
            const counts = step(s.id);
            counts.name = s.name;
            const known = expected.get(s.id);
            counts.total = known ?? 0;
            counts.final = known !== undefined; // a total known up front does not grow
            total += counts.total;
          }
          return;
        case 'step.expanded': {
          const s = step(event.stepId);
          total += event.total - s.total;
          s.total = event.total;
          s.final ||= event.final;
          s.opened = true;
          return;
        }
        case 'task.state': {
          const s = step(event.stepId);
          const { from, to } = event;
          if (to === 'submitted') {
            firstRunAt ??= event.time;
            if (event.attempt > 1) {
              // A retry: the failed attempt before it no longer counts as done or failed.
              s.done -= 1;
              s.failed -= 1;
              done -= 1;
              failed -= 1;
            }
            s.queued += 1;
            queued += 1;
            s.lastTag = event.tag ?? event.taskId;
            return;
          }
          // Leaving the queue or a run: a final state, back to pending (withdrawn), or submitted → running.
          if (from === 'submitted') {
            s.queued -= 1;
            queued -= 1;
          } else if (from === 'running') {
            s.running -= 1;
            running -= 1;
          }
          if (to === 'running') {
            s.running += 1;
            running += 1;
            return;
          }
          if (to === 'pending') return;
          s.done += 1;
          done += 1;
          if (to === 'cached') {
            s.cached += 1;
            cached += 1;
          } else if (to === 'cancelled') {
            s.cancelled += 1;
          } else if (to === 'failed') {
            s.failed += 1;
            failed += 1;
            errors.push({
              time: event.time,
              taskId: event.taskId,
              step: s.name,
              attempt: event.attempt,
              reason: event.reason ?? `exit code ${event.exitCode ?? '?'}`,
              where: event.workDir ?? event.errFile,
            });
            if (errors.length > KEPT_ERRORS) errors.shift();
          }
          return;
        }
        case 'run.finished':
          finished = event;
          return;
        case 'run.warning':
          notices.push(`warning: ${event.message}`);
          if (notices.length > KEPT_NOTICES) notices.shift();
          return;
        case 'task.log':
          changed = wasChanged; // task output is printed above the view, not in it
          return;
        case 'stage.progress':
          transfers.onEvent(event);
          return;
        default: {
          const never: never = event;
          return never;
        }
      }
    },
    notice(text) {
      notices.push(text);
      if (notices.length > KEPT_NOTICES) notices.shift();
      changed = true;
    },
    dirty() {
      return changed;
    },
    snapshot(now) {
      changed = false;
      const end = finished?.time ?? now;
      const ran = done - cached;
      const busy = end - (firstRunAt ?? end);
      const ratePerSec = ran > 0 && busy > 0 ? ran / (busy / 1000) : 0;
      const left = Math.max(0, total - done);
      return {
        ...header,
        now: end,
        elapsedMs: startedAt === undefined ? 0 : end - startedAt,
        etaMs: finished === undefined && ratePerSec > 0 && left > 0 ? (left / ratePerSec) * 1000 : undefined,
        ratePerSec,
        total,
        done,
        cached,
        failed,
        running,
        queued,
        steps,
        errors: [...errors],
        notices: [...notices],
        transfers: transfers.any() ? transfers.summary() : undefined,
        finished,
      };
    },
  };
}
