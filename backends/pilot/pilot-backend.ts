// The `pilot` backend: an embedded pilot server queues the run's tasks and agents pull them. To the engine,
// submit = enqueue and completions arrive as the agents report them.
import { mkdirSync, appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Backend, JobStatus, PreparedTask } from '../../engine/backend.js';
import { createJobBook } from '../common/job-book.js';
import type { NewTask } from './protocol/messages.js';
import { runFields } from './protocol/run-fields.js';
import { generateToken, writeTokenFile } from './protocol/token.js';
import type { PilotServer, ServerTaskEvent } from './server/types.js';
import type { Fleet } from './launch/fleet.js';
import { planPilot, startPilot, type PilotSettings } from './pilot-start.js';

const QUEUE_SIZE = 10_000;
const CLOSE_GRACE_MS = 10_000;

interface Pending {
  readonly task: PreparedTask;
  readonly signal: AbortSignal;
  serverId?: string | undefined;
  cancelled?: boolean | undefined;
}

// Creates the backend; the server and the agents start with the first task.
export function createPilotBackend(settings: PilotSettings): Backend {
  const plan = planPilot(settings);
  const launchDir = resolve(settings.launchDir);
  const dir = join(launchDir, '.pipe', 'pilot', `${Date.now().toString(36)}-${process.pid}`);
  const byServerId = new Map<string, Pending>();
  let batch: Pending[] = [];
  let flushScheduled = false;
  let started: Promise<{ server: PilotServer; fleet: Fleet }> | undefined;
  let fatal: string | undefined;
  let demand = 0;

  // Appends a line to this run's pilot log (.pipe/pilot/<run>/pilot.log).
  const log = (line: string): void => {
    try {
      appendFileSync(join(dir, 'pilot.log'), `${new Date().toISOString()} ${line}\n`);
    } catch {
      // the log is a convenience
    }
  };

  // The jobs the engine handed over (engine id → job); an abort before the start drops the task, as cancel() does.
  const book = createJobBook<Pending>({
    backend: 'pilot',
    onAbort: (job) => void backend.cancel([job.task.id]),
    onRetire(job) {
      if (job.serverId !== undefined) byServerId.delete(job.serverId);
      demand -= 1;
    },
  });
  const complete = (job: Pending, status: JobStatus): void => void book.complete(job, status);

  // Completes a job that never ran.
  const fail = (job: Pending, reason: string): void =>
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
    const r = event.result;
    complete(job, {
      state: 'completed',
      exitCode: r.exitCode,
      signal: r.signal,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      reason: fatal ?? r.reason,
      errFile: r.errFile,
    });
  };

  // Ends every task still with the backend: the agents cannot run them.
  const giveUp = (reason: string): void => {
    fatal = reason;
    log(`giving up: ${reason}`);
    const ids = [...byServerId.keys()];
    for (const job of book.jobs()) if (job.serverId === undefined) fail(job, reason);
    void started?.then(({ server }) => server.cancel(ids));
  };

  // Starts the server and the fleet once, with a fresh token for this run.
  const start = (): Promise<{ server: PilotServer; fleet: Fleet }> => {
    if (started !== undefined) return started;
    mkdirSync(dir, { recursive: true });
    const token = generateToken();
    const tokenFile = join(dir, 'token');
    writeTokenFile(tokenFile, token);
    started = startPilot(settings, plan, { dir, token, tokenFile, demand: () => demand, onGiveUp: giveUp, log }).then(
      (pilot) => {
        pilot.server.subscribe(onServerEvent);
        return pilot;
      },
    );
    return started;
  };

  // Sends the tasks submitted in this turn of the event loop to the server in one batch.
  const flush = async (): Promise<void> => {
    flushScheduled = false;
    const jobsNow = batch.filter((job) => !job.cancelled);
    batch = [];
    if (jobsNow.length === 0) return;
    let pilot: { server: PilotServer; fleet: Fleet };
    try {
      pilot = await start();
      const ids = await pilot.server.enqueue(jobsNow.map((job) => toNewTask(job.task)));
      jobsNow.forEach((job, i) => {
        job.serverId = ids[i];
        byServerId.set(ids[i] as string, job);
      });
    } catch (error) {
      for (const job of jobsNow) fail(job, `pilot server: ${(error as Error).message}`);
      return;
    }
    const late = jobsNow.filter((job) => job.cancelled).map((job) => job.serverId as string);
    if (late.length > 0) await pilot.server.cancel(late);
    pilot.fleet.poke();
  };

  const backend: Backend = {
    name: 'pilot',
    queueSize: QUEUE_SIZE,
    lookahead: QUEUE_SIZE,
    async submit(task, signal) {
      book.checkSubmit(task, signal);
      const job: Pending = { task, signal };
      book.add(job);
      demand += 1;
      if (fatal !== undefined) {
        queueMicrotask(() => fail(job, fatal as string));
        return task.id;
      }
      batch.push(job);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(() => void flush());
      }
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
        else if (!batch.includes(job))
          continue; // being enqueued: cancelled once its id is known
        else fail(job, 'cancelled');
      }
      if (ids.length > 0 && started !== undefined) await (await started).server.cancel(ids);
    },
    subscribe: (listener) => book.subscribe(listener),
    async close() {
      book.close();
      if (started === undefined) return;
      const { server, fleet } = await started;
      server.end('the run is over');
      await fleet.stop(CLOSE_GRACE_MS);
      await server.close();
    },
    kill() {
      void started?.then(({ fleet }) => fleet.kill());
    },
  };
  return backend;
}

// The queue's view of a prepared task.
function toNewTask(task: PreparedTask): NewTask {
  return { name: task.name, step: task.stepName, ...runFields(task) };
}
