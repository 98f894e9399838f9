// A running `pipe run` offers its event stream to other processes of the same user, so `pipe serve` shows the run
// as its own live view does (tasks running before the store records them, transfers, task output). The stream is a
// Unix socket in a private directory (mode 0700), named in .pipe/live/RUN.json; each client gets, as JSON lines:
// the live view's snapshot of the run once it connects and every second after, and every event from then on (the
// stream `--log-format json` prints). A client that reads too slowly misses events and is told how many once it
// catches up ({"type":"tap.lagged","dropped":N}). While no client is connected the tap only counts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBus, PipeEvent } from '../../engine/events.js';
import { createRunModel } from '../tui/run-model.js';

// Where a run's tap is described: the socket, the run's pid and host.
export interface TapPointer {
  readonly socket: string;
  readonly pid: number;
  readonly host: string;
}

export interface EventTap {
  close(): Promise<void>;
}

const SNAPSHOT_EVERY_MS = 1_000;
const MAX_BUFFERED = 1 << 20; // bytes queued for one client before its events are dropped

export function tapPointerFile(stateDir: string, runId: string): string {
  return join(stateDir, 'live', `${runId}.json`);
}

interface Client {
  readonly socket: Socket;
  dropped: number;
}

// Subscribes the tap to the bus; it opens its socket when the run starts. `warn` hears why it could not.
export function openEventTap(bus: EventBus, stateDir: string, warn: (message: string) => void): EventTap {
  const model = createRunModel();
  const clients = new Set<Client>();
  let server: Server | undefined;
  let dir: string | undefined;
  let pointer: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const send = (client: Client, line: string): void => {
    if (client.socket.writableLength > MAX_BUFFERED) {
      client.dropped += 1;
      return;
    }
    if (client.dropped > 0) {
      client.socket.write(`${JSON.stringify({ type: 'tap.lagged', dropped: client.dropped })}\n`);
      client.dropped = 0;
    }
    client.socket.write(`${line}\n`);
  };
  const snapshotLine = (): string =>
    JSON.stringify({ type: 'tap.snapshot', time: Date.now(), snapshot: model.snapshot(Date.now()) });

  const listen = (runId: string): void => {
    try {
      dir = mkdtempSync(join(tmpdir(), 'pipe-tap-')); // mode 0700: only this user reaches the socket
      const socket = join(dir, 'events.sock');
      server = createServer((connection) => {
        const client: Client = { socket: connection, dropped: 0 };
        clients.add(client);
        connection.on('error', () => clients.delete(client));
        connection.on('close', () => clients.delete(client));
        connection.resume(); // clients say nothing
        send(client, snapshotLine());
      });
      server.on('error', (error) => warn(`the live event stream stopped: ${error.message}`));
      server.listen(socket);
      server.unref();
      mkdirSync(join(stateDir, 'live'), { recursive: true });
      pointer = tapPointerFile(stateDir, runId);
      const about: TapPointer = { socket, pid: process.pid, host: hostname() };
      writeFileSync(pointer, JSON.stringify(about));
      timer = setInterval(() => {
        if (clients.size === 0) return;
        const line = snapshotLine();
        for (const client of clients) send(client, line);
      }, SNAPSHOT_EVERY_MS);
      timer.unref();
    } catch (error) {
      warn(`no live event stream for \`pipe serve\`: ${(error as Error).message}`);
    }
  };

  const unsubscribe = bus.subscribe((event: PipeEvent) => {
    model.onEvent(event);
    if (event.type === 'run.started' && server === undefined) listen(event.runId);
    if (clients.size === 0) return;
    const line = JSON.stringify(event);
    for (const client of clients) send(client, line);
  });

  return {
    async close() {
      unsubscribe();
      if (timer !== undefined) clearInterval(timer);
      const last = snapshotLine();
      for (const client of clients) client.socket.end(`${last}\n`, () => client.socket.destroy());
      if (server !== undefined) await new Promise<void>((done) => server!.close(() => done()));
      if (pointer !== undefined) rmSync(pointer, { force: true });
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
