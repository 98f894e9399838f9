// One run from start to end: lock, resume plan, run record, scheduler, final status.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Backend } from './backend.js';
import { ExitCode } from './errors.js';
import type { EventBus } from './events.js';
import type { WorkflowGraph } from './graph.js';
import { createTaskPreparer } from './attempt.js';
import { doneLogPath, prepareDoneLogs, removeDoneLogs } from './done-log.js';
import { acquireLock } from './lock.js';
import { planResume } from './resume.js';
import { runScheduler, type Counts } from './scheduler.js';
import { stepDigest, canonicalJson } from './cache-key.js';
import type { Limits } from './slots.js';
import type { Store } from './store/store.js';

export interface RunRequest {
  readonly workflow: WorkflowGraph;
  readonly launchDir: string;
  readonly stateDir: string; // <launchDir>/.pipe
  readonly workRoot: string;
  readonly store: Store;
  readonly backend: Backend;
  readonly bus: EventBus;
  readonly limits: Limits;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly keepGoing: boolean;
  readonly resume?: true | string | undefined;
  readonly argv: readonly string[];
  readonly pollIntervalMs?: number | undefined;
  // Record what each task uses: measured by the backend when it `monitors`, else by each task's wrapper
  // (.command.trace).
  readonly monitor?: boolean | undefined;
  readonly stop: AbortSignal;
  readonly kill: AbortSignal;
}

export interface RunOutcome {
  readonly runId: string;
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  readonly counts: Counts;
  readonly notRun: number;
  readonly exitCode: ExitCode;
  readonly resumedFrom?: string | undefined;
}

// A readable, sortable run id: date, time and a random suffix.
export function newRunId(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${date}-${time}-${randomBytes(2).toString('hex')}`;
}

// Runs a parsed workflow on a backend, recording everything in the store.
export async function executeRun(req: RunRequest): Promise<RunOutcome> {
  const runId = newRunId();
  const lock = acquireLock(req.stateDir, runId);
  try {
    req.store.recover();
    const plan = await planResume(req.store, req.workflow.file, req.resume, req.stop, req.backend, req.stateDir);
    prepareDoneLogs(req.stateDir);
    const startedAt = Date.now();
    req.store.createRun({
      id: runId,
      workflow: req.workflow.file,
      launchDir: req.launchDir,
      backend: req.backend.name,
      status: 'running',
      startedAt,
      resumedFrom: plan.base?.id,
      pid: process.pid,
      host: hostname(),
      argv: JSON.stringify(req.argv),
    });
    const steps = req.workflow.graph.mapNodes((id, attrs) => ({
      runId,
      stepId: id,
      name: attrs.name,
      parts: canonicalJson({ ...attrs.keyParts, digest: stepDigest(attrs.keyParts) }),
      total: attrs.source.total,
    }));
    req.store.putSteps(steps);
    req.bus.emit({
      type: 'run.started',
      time: startedAt,
      runId,
      workflow: req.workflow.file,
      backend: req.backend.name,
      resumedFrom: plan.base?.id,
      steps: steps.map((s) => ({ id: s.stepId, name: s.name })),
    });
    const preparer = createTaskPreparer({
      runId,
      workRoot: req.workRoot,
      logDir: join(req.stateDir, 'logs', runId),
      backendName: req.backend.name,
      reuse: { completed: plan.completed, resuming: req.resume !== undefined },
      monitor: req.monitor === true && req.backend.monitors !== true,
      direct: req.backend.direct,
      doneLog: doneLogPath(req.stateDir, runId),
    });
    const result = await runScheduler({
      workflow: req.workflow,
      runId,
      store: req.store,
      backend: req.backend,
      bus: req.bus,
      preparer,
      limits: req.limits,
      retries: req.retries,
      retryDelayMs: req.retryDelayMs,
      keepGoing: req.keepGoing,
      pollIntervalMs: req.pollIntervalMs ?? 200,
      stop: req.stop,
      kill: req.kill,
      blocks: plan.blocks,
    });
    const finishedAt = Date.now();
    req.store.finishRun(runId, result.status, finishedAt);
    req.store.flush();
    // Every end of this run is in the store now; a resume that succeeded recorded every earlier one it reused.
    removeDoneLogs(req.stateDir, result.status === 'succeeded' ? [runId, ...plan.lineage] : [runId]);
    req.bus.emit({
      type: 'run.finished',
      time: finishedAt,
      runId,
      status: result.status,
      counts: result.counts,
      notRun: result.notRun,
    });
    const exitCode =
      result.status === 'succeeded'
        ? ExitCode.Success
        : result.status === 'cancelled'
          ? ExitCode.Interrupted
          : ExitCode.Failed;
    return { runId, ...result, exitCode, resumedFrom: plan.base?.id };
  } finally {
    lock.release();
  }
}
