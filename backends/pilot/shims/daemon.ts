// The shims' gateway process (`pipe shims start` launches it once per state dir): a pilot server with local agents
// for the launch directory, or a client of the `pipe server` the shims were written for; the spool the fast
// submission scripts write and the status snapshots the fast status scripts print; and the gateway the round-trip
// scripts talk to. It leaves after its idle timeout with no job pending or running.
import { appendFileSync, rmSync } from 'node:fs';
import { availableParallelism, userInfo } from 'node:os';
import { join } from 'node:path';
import { readTokenFile } from '../protocol/token.js';
import type { ServerTaskEvent } from '../server/types.js';
import { PID_FILE } from './fast-shims.js';
import { startGateway } from './gateway.js';
import { connectPilot, type PilotLink } from './pilot-link.js';
import { bookSpoolFailure, runShimCommand, type ShimPort } from './shim-commands.js';
import { GATEWAY_FILE, readShimsConfig, writeAtomic, type ShimsConfig } from './shim-files.js';
import { createJobBook, type JobBook } from './shim-jobs.js';
import { openSpool, type SpooledJob } from './spool.js';
import { startSnapshots } from './status-snapshots.js';

const AGENT_READY_MS = 60_000;

// Runs the gateway until it is idle or signalled; resolves to the exit code.
export async function runShimsDaemon(stateDir: string): Promise<number> {
  const config: ShimsConfig = readShimsConfig(stateDir);
  const token = readTokenFile(join(stateDir, 'token'));
  const log = (line: string): void =>
    appendFileSync(join(stateDir, 'gateway.log'), `${new Date().toISOString()} ${line}\n`);
  const user = userInfo().username;
  const book = createJobBook();
  let lastRequest = Date.now();
  const link: PilotLink = await connectPilot(config, stateDir, {
    jobs: config.jobs ?? availableParallelism(),
    // An agent is kept ready while commands come (a job then starts without waiting for one), and for the jobs.
    demand: () => book.active + (Date.now() - lastRequest < AGENT_READY_MS ? 1 : 0),
    log,
  });
  link.poke(); // the first command started this gateway: jobs follow
  const snapshots = startSnapshots(stateDir, book, user);
  link.subscribe((event) => {
    onEvent(book, event);
    snapshots.changed();
  });
  const port: ShimPort = {
    submit: async (tasks) => {
      const ids = await link.submit(tasks);
      link.poke();
      return ids;
    },
    cancel: (ids) => link.cancel(ids),
    nextJobIds: (count) => spool.claim(count),
    stateDir,
    user,
  };
  const spool = openSpool(
    stateDir,
    (job) => {
      lastRequest = Date.now();
      if ('request' in job) takeSpooled(job, book, port, log);
      snapshots.changed();
    },
    log,
  );
  const gateway = await startGateway({
    token,
    handle: (request) => {
      lastRequest = Date.now();
      if (request.command === 'squeue' || request.command === 'qstat') snapshots.asked(request.command, request.args);
      return runShimCommand(request, book, port).finally(() => snapshots.changed());
    },
    onError: (error) => log(`error: ${error instanceof Error ? error.message : String(error)}`),
  });
  // The files that tell the scripts this gateway is here (the pid for the fast ones, the port for the others).
  const announce = (): void => {
    writeAtomic(join(stateDir, PID_FILE), `${process.pid}\n`);
    writeAtomic(join(stateDir, GATEWAY_FILE), `${gateway.port}\n`);
  };
  const withdraw = (): void => {
    rmSync(join(stateDir, PID_FILE), { force: true });
    rmSync(join(stateDir, GATEWAY_FILE), { force: true });
  };
  announce();
  writeAtomic(join(stateDir, 'server'), `${link.url}\n`);
  log(`gateway on 127.0.0.1:${gateway.port}; pilot ${link.url}`);

  await new Promise<void>((resolve) => {
    const finish = (): void => {
      clearInterval(timer);
      withdraw();
      resolve();
    };
    // Leaving when idle: the pid file goes first, then one more look at the spool, so a script that saw this
    // gateway alive has its record taken here, and one that did not starts a new gateway.
    const timer = setInterval(() => {
      if (book.active !== 0 || Date.now() - lastRequest <= config.idleTimeoutMs) return;
      withdraw();
      spool.scan();
      if (book.active === 0) return finish();
      announce();
    }, 1000);
    process.once('SIGTERM', finish);
    process.once('SIGINT', finish);
  });
  log('leaving');
  spool.close();
  snapshots.close();
  await gateway.close();
  await link.close();
  return 0;
}

// Queues a spooled submission; one the gateway cannot take is listed as failed (its script already answered).
function takeSpooled(job: SpooledJob, book: JobBook, port: ShimPort, log: (line: string) => void): void {
  const fail = (reason: string): void => {
    log(`job ${job.id}: ${reason}`);
    bookSpoolFailure(job.request, job.id, book, port.user, reason);
  };
  runShimCommand(job.request, book, port).then(
    (answer) => {
      if (answer.kind === 'stdin') fail('no script');
      else if (answer.code !== 0) fail(answer.stderr.trim());
    },
    (error: Error) => fail(error.message),
  );
}

// Feeds a pilot event to the book.
function onEvent(book: JobBook, event: ServerTaskEvent): void {
  if (event.type === 'started') book.started(event.id, event.at, event.agent);
  else book.completed(event.id, event.result);
}
