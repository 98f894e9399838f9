// Live updates for `pipe serve` as server-sent events (text/event-stream). While the run's process is alive on this
// host, its own event stream comes through its tap (ui/progress/event-tap.ts): every engine event as an SSE event
// named by its type (`task.state`, `stage.progress`, `run.finished`, …; `?types=` picks some), and `live`, the live
// view's snapshot of the run, every second. Besides, `pipe serve` watches the store the run writes (WAL lets it read
// while the run commits) and sends an `update` event with the run's status and counts per step whenever they
// change, and a comment as a heartbeat otherwise. The poll interval stretches to ten times the cost of one poll, so
// a million-task run is never slowed by its viewers.
import type { ServerResponse } from 'node:http';
import type { TapConnection, TapHandlers } from './tap-client.js';
import type { Views } from './views.js';

const MIN_INTERVAL_MS = 500;
const HEARTBEAT_MS = 15_000;
const MAX_BUFFERED = 4 << 20; // bytes queued for a slow client before engine events are dropped for it

export interface LiveSources {
  readonly take: () => LiveSnapshot; // from the store
  readonly tap?: ((on: TapHandlers) => TapConnection | undefined) | undefined; // the run's own event stream
  readonly types?: ReadonlySet<string> | undefined; // engine event types to send (all when undefined)
}

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
export function streamRun(res: ServerResponse, sources: LiveSources, signal: AbortSignal): void {
  const { take } = sources;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let last = '';
  let lastWrite = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let tap: TapConnection | undefined;
  let dropped = 0;
  const stop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    tap?.close();
    if (!res.writableEnded) res.end();
  };
  // One message of the run's own stream; engine events are dropped, and counted, while the client lags.
  const relay = (type: string, line: string): void => {
    if (res.writableEnded) return;
    const name = type === 'tap.snapshot' ? 'live' : type === 'tap.lagged' ? 'lagged' : type;
    if (name === type && sources.types !== undefined && !sources.types.has(type)) return;
    if (res.writableLength > MAX_BUFFERED) {
      dropped += 1;
      return;
    }
    if (dropped > 0) {
      res.write(`event: lagged\ndata: ${JSON.stringify({ type: 'tap.lagged', dropped })}\n\n`);
      dropped = 0;
    }
    res.write(`event: ${name}\ndata: ${line}\n\n`);
    lastWrite = Date.now();
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
  if (!res.writableEnded) tap = sources.tap?.({ line: relay, end: () => (tap = undefined) });
}
