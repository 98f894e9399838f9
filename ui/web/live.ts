// Live updates for `pipe serve` as server-sent events (text/event-stream): `pipe serve` is not the run's process,
// so it watches the store the run writes (WAL lets it read while the run commits) and sends an `update` event with
// the run's status and counts per step whenever they change, and a comment as a heartbeat otherwise. The poll
// interval stretches to ten times the cost of one poll, so a million-task run is never slowed by its viewers.
import type { ServerResponse } from 'node:http';
import type { Views } from './views.js';

const MIN_INTERVAL_MS = 500;
const HEARTBEAT_MS = 15_000;

export interface LiveSnapshot {
  readonly status: string;
  readonly finishedAt?: number | undefined;
  readonly steps: Record<string, Record<string, number>>;
}

// The run's status and counts per step now.
export function snapshot(views: Views, runId: string, liveStatus: (runId: string) => string): LiveSnapshot {
  const run = views.run(runId);
  return {
    status: run === undefined ? 'gone' : liveStatus(runId),
    finishedAt: run?.finishedAt,
    steps: Object.fromEntries(views.stepCounts(runId)),
  };
}

// Streams updates of one run to `res` until the client goes away or `signal` aborts.
export function streamRun(res: ServerResponse, take: () => LiveSnapshot, signal: AbortSignal): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let last = '';
  let lastWrite = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!res.writableEnded) res.end();
  };
  const tick = (): void => {
    const started = performance.now();
    let data: string;
    try {
      data = JSON.stringify(take());
    } catch (error) {
      res.write(`event: error\ndata: ${JSON.stringify({ message: (error as Error).message })}\n\n`);
      stop();
      return;
    }
    if (data !== last) {
      res.write(`event: update\ndata: ${data}\n\n`);
      last = data;
      lastWrite = Date.now();
    } else if (Date.now() - lastWrite > HEARTBEAT_MS) {
      res.write(': heartbeat\n\n');
      lastWrite = Date.now();
    }
    const cost = performance.now() - started;
    timer = setTimeout(tick, Math.max(MIN_INTERVAL_MS, cost * 10));
  };
  res.on('close', stop);
  signal.addEventListener('abort', stop, { once: true });
  tick();
}
