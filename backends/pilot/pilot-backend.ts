// The `pilot` backend: an embedded pilot server queues the run's tasks and agents pull them. To the engine,
// submit = enqueue and completions arrive as the agents report them.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Backend, JobStatus, NodeSeries } from '../../engine/backend.js';
import { resourcesFromValues } from '../../engine/resources.js';
import type { TaskResult } from './protocol/messages.js';
import { createJobBook } from '../common/job-book.js';
import { createEnqueueBatch, type PilotJob } from './enqueue-batch.js';
import { generateToken, writeTokenFile } from './protocol/token.js';
import type { PilotServer, ServerTaskEvent } from './server/types.js';
import type { Fleet } from './launch/fleet.js';
import { planPilot, startPilot, type PilotPlan, type PilotRuntime, type PilotSettings } from './pilot-start.js';

const QUEUE_SIZE = 10_000;
const CLOSE_GRACE_MS = 10_000;

// Appends a line to a run's pilot log (.pipe/pilot/<run>/pilot.log).
function appendPilotLog(dir: string, line: string): void {
  try {
    appendFileSync(join(dir, 'pilot.log'), `${new Date().toISOString()} ${line}\n`);
  } catch {
    // the log is a convenience
  }
}

// Starts the server and the fleet with a fresh token for this run; the server's task events go to `onEvent`.
async function startRun(
  settings: PilotSettings,
  plan: PilotPlan,
  dir: string,
  runtime: Pick<PilotRuntime, 'demand' | 'onGiveUp' | 'log'>,
  onEvent: (event: ServerTaskEvent) => void,
): Promise<{ server: PilotServer; fleet: Fleet }> {
  mkdirSync(dir, { recursive: true });
  const token = generateToken();
  const tokenFile = join(dir, 'token');
  writeTokenFile(tokenFile, token);
  const pilot = await startPilot(settings, plan, { dir, token, tokenFile, ...runtime });
  pilot.server.subscribe(onEvent);
  return pilot;
}

// The node samples the server kept of each agent (those started with --monitor), for the report.
const nodeSeries = (server: PilotServer): NodeSeries[] =>
  server.nodeHistory().map((h) => ({ node: h.agent, host: h.host, samples: h.samples }));

// Creates the backend; the server and the agents start with the first task.
// The completion of a task from its agent's result (`fatal`: why the backend gave up, which wins over the result's).
function completedStatus(r: TaskResult, fatal: string | undefined): JobStatus {
  const { exitCode, signal, startedAt, endedAt, errFile } = r;
  const resources = r.resources === undefined ? undefined : resourcesFromValues(r.resources);
  return { state: 'completed', exitCode, signal, startedAt, endedAt, reason: fatal ?? r.reason, errFile, resources };
}

export function createPilotBackend(settings: PilotSettings): Backend {
  const plan = planPilot(settings);
  const launchDir = resolve(settings.launchDir);
  const dir = join(launchDir, '.pipe', 'pilot', `${Date.now().toString(36)}-${process.pid}`);
  const byServerId = new Map<string, PilotJob>();
  let started: Promise<{ server: PilotServer; fleet: Fleet }> | undefined;
  let fatal: string | undefined;
  let demand = 0;

  const log = (line: string): void => appendPilotLog(dir, line);

  // The jobs the engine handed over (engine id → job); an abort before the start drops the task, as cancel() does.
  const book = createJobBook<PilotJob>({
    backend: 'pilot',
    onAbort: (job) => void backend.cancel([job.task.id]),
    onRetire(job) {
      if (job.serverId !== undefined) byServerId.delete(job.serverId);
      demand -= 1;
    },
  });
  const complete = (job: PilotJob, status: JobStatus): void => void book.complete(job, status);

  // Completes a job that never ran.
  const fail = (job: PilotJob, reason: string): void =>
    complete(job, { state: 'completed', exitCode: null, endedAt: Date.now(), reason });

  // A start or a final result from the server becomes the job's status.
  const onServerEvent = (event: ServerTaskEvent): void => {
    const job = byServerId.get(event.id);
    if (job === undefined) return;
    if (event.type === 'started') {
      book.started(job); // from now on only cancel() ends it
      book.emit(job.task.id, {
        state: 'running',
        startedAt: event.at,
        nativeId: `${event.agent}${event.pid === undefined ? '' : `:${event.pid}`}`,
      });
      return;
    }
    complete(job, completedStatus(event.result, fatal));
  };

  // Ends every task still with the backend: the agents cannot run them.
  const giveUp = (reason: string): void => {
    fatal = reason;
    log(`giving up: ${reason}`);
    const ids = [...byServerId.keys()];
    for (const job of book.jobs()) if (job.serverId === undefined) fail(job, reason);
    void started
      ?.then(({ server }) => server.cancel(ids))
      .catch((error: unknown) => log(`cancelling after giving up failed: ${(error as Error).message}`));
  };

  // Starts the server and the fleet once.
  const start = (): Promise<{ server: PilotServer; fleet: Fleet }> =>
    (started ??= startRun(settings, plan, dir, { demand: () => demand, onGiveUp: giveUp, log }, onServerEvent));

  const batch = createEnqueueBatch({
    start,
    enqueued(job, serverId) {
      job.serverId = serverId;
      byServerId.set(serverId, job);
    },
    fail,
    warn: settings.notice ?? log,
  });

  const backend: Backend = {
    name: 'pilot',
    monitors: settings.monitor !== undefined,
    queueSize: QUEUE_SIZE,
    lookahead: QUEUE_SIZE,
    async submit(task, signal) {
      book.checkSubmit(task, signal);
      const job: PilotJob = { task, signal };
      book.add(job);
      demand += 1;
      if (fatal !== undefined) {
        queueMicrotask(() => fail(job, fatal as string));
        return task.id;
      }
      batch.add(job);
      return task.id;
    },
    async poll(jobIds) {
      return book.poll(jobIds, () => ({ state: 'queued' }));
    },
    async cancel(jobIds) {
      const ids: string[] = [];
      for (const id of jobIds) {
        const job = book.get(id);
        if (job === undefined || job.cancelled) continue;
        job.cancelled = true;
        if (job.serverId !== undefined) ids.push(job.serverId);
        else if (!batch.waiting(job))
          continue; // being enqueued: cancelled once its id is known
        else fail(job, 'cancelled');
      }
      if (ids.length > 0 && started !== undefined) await (await started).server.cancel(ids);
    },
    subscribe: (listener) => book.subscribe(listener),
    nodeSamples: async () => (started === undefined ? [] : nodeSeries((await started).server)),
    async close() {
      book.close();
      if (started === undefined) return;
      const { server, fleet } = await started;
      server.end('the run is over');
      await fleet.stop(CLOSE_GRACE_MS);
      await server.close();
    },
    kill() {
      void started
        ?.then(({ fleet }) => fleet.kill())
        .catch((error: unknown) => log(`kill failed: ${(error as Error).message}`));
    },
  };
  return backend;
}
