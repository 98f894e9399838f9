// The shims' gateway process (`pipe shims start` launches it once per state dir): a pilot server with local agents
// for the launch directory, or a client of the `pipe server` the shims were written for, and the gateway the shim
// scripts talk to. It leaves after its idle timeout with no job pending or running.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, userInfo } from 'node:os';
import { join } from 'node:path';
import { readTokenFile } from '../protocol/token.js';
import type { ServerTaskEvent } from '../server/types.js';
import { startGateway } from './gateway.js';
import { runShimCommand, type ShimPort } from './shim-commands.js';
import { GATEWAY_FILE, readShimsConfig, writeAtomic, type ShimsConfig } from './shim-files.js';
import { createJobBook, type JobBook } from './shim-jobs.js';
import { connectPilot, type PilotLink } from './pilot-link.js';

// Runs the gateway until it is idle or signalled; resolves to the exit code.
export async function runShimsDaemon(stateDir: string): Promise<number> {
  const config: ShimsConfig = readShimsConfig(stateDir);
  const token = readTokenFile(join(stateDir, 'token'));
  const log = (line: string): void =>
    appendFileSync(join(stateDir, 'gateway.log'), `${new Date().toISOString()} ${line}\n`);
  const book = createJobBook();
  const link: PilotLink = await connectPilot(config, stateDir, {
    jobs: config.jobs ?? availableParallelism(),
    demand: () => book.active,
    log,
  });
  link.subscribe((event) => onEvent(book, event));
  const idFile = join(stateDir, 'next-job-id');
  let nextId = readNextId(idFile);
  let idWriteQueued = false;
  const port: ShimPort = {
    submit: async (tasks) => {
      const ids = await link.submit(tasks);
      link.poke();
      return ids;
    },
    cancel: (ids) => link.cancel(ids),
    nextJobIds(count) {
      const first = nextId;
      nextId += count;
      // Kept once per event-loop turn, not once per job: a burst of submissions writes the counter once.
      if (!idWriteQueued) {
        idWriteQueued = true;
        setImmediate(() => {
          idWriteQueued = false;
          writeAtomic(idFile, `${nextId}\n`);
        });
      }
      return first;
    },
    stateDir,
    user: userInfo().username,
  };
  let lastRequest = Date.now();
  const gateway = await startGateway({
    token,
    handle: (request) => {
      lastRequest = Date.now();
      return runShimCommand(request, book, port);
    },
    onError: (error) => log(`error: ${error instanceof Error ? error.message : String(error)}`),
  });
  writeAtomic(join(stateDir, 'gateway.pid'), `${process.pid}\n`);
  writeAtomic(join(stateDir, GATEWAY_FILE), `${gateway.port}\n`);
  writeAtomic(join(stateDir, 'server'), `${link.url}\n`);
  log(`gateway on 127.0.0.1:${gateway.port}; pilot ${link.url}`);

  await new Promise<void>((resolve) => {
    const finish = (): void => {
      clearInterval(timer);
      resolve();
    };
    const timer = setInterval(() => {
      if (book.active === 0 && Date.now() - lastRequest > config.idleTimeoutMs) finish();
    }, 1000);
    process.once('SIGTERM', finish);
    process.once('SIGINT', finish);
  });
  rmSync(join(stateDir, GATEWAY_FILE), { force: true });
  log('leaving');
  await gateway.close();
  await link.close();
  return 0;
}

// The job id the state dir's counter holds (1 for a new one).
function readNextId(file: string): number {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : 1;
  } catch {
    return 1;
  }
}

// Feeds a pilot event to the book.
function onEvent(book: JobBook, event: ServerTaskEvent): void {
  if (event.type === 'started') book.started(event.id, event.at, event.agent);
  else book.completed(event.id, event.result);
}
