// `pipe serve`'s end of a running run's event tap (ui/progress/event-tap.ts): connects to the socket the run named in
// .pipe/live/RUN.json, when that run is alive on this host, and hands over each JSON line with its type.
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { hostname } from 'node:os';
import { processAlive } from '../../engine/process-alive.js';
import { tapPointerFile, type TapPointer } from '../progress/event-tap.js';

export interface TapHandlers {
  line(type: string, line: string): void; // one event or tap message, unparsed but for its type
  end(): void; // the run closed the stream or went away
}

export interface TapConnection {
  close(): void;
}

// The run's tap pointer, when the run is alive on this host.
function livePointer(stateDir: string, runId: string): TapPointer | undefined {
  try {
    const pointer = JSON.parse(readFileSync(tapPointerFile(stateDir, runId), 'utf8')) as TapPointer;
    return pointer.host === hostname() && processAlive(pointer.pid) ? pointer : undefined;
  } catch {
    return undefined; // no tap: the run ended, runs elsewhere, or predates taps
  }
}

// Connects to the run's tap, or returns undefined when it has none to connect to.
export function connectTap(stateDir: string, runId: string, on: TapHandlers): TapConnection | undefined {
  const pointer = livePointer(stateDir, runId);
  if (pointer === undefined) return undefined;
  const socket = createConnection(pointer.socket);
  socket.setEncoding('utf8');
  let rest = '';
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    on.end();
  };
  socket.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') continue;
      let type: unknown;
      try {
        type = (JSON.parse(line) as { type?: unknown }).type;
      } catch {
        continue; // not a line of the tap's
      }
      if (typeof type === 'string') on.line(type, line);
    }
  });
  socket.on('error', end);
  socket.on('close', end);
  return {
    close() {
      ended = true;
      socket.destroy();
    },
  };
}
