// Runs the live view's drawing on a worker thread: the engine's thread only takes a snapshot of the counters at
// each frame and posts it; loading Ink and React, laying out and writing frames happen off it.
import { writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { nextFrameDelay, type FramePace } from './frame-pace.js';
import type { FromRenderer, RendererData, ToRenderer } from './render-messages.js';
import type { RunModel } from './run-model.js';

export interface RenderThread {
  // Draws the last frame, leaves it on the terminal, and stops; resolves once it is on the terminal.
  stop(): Promise<void>;
}

const SHOW_CURSOR = '\u001B[?25h';

// Starts the drawing thread on `stream` (a terminal) and a timer that sends it frames until stopped. A thread that
// fails to start or dies leaves the run undisturbed (and undrawn).
export function startRenderThread(
  model: RunModel,
  stream: NodeJS.WriteStream,
  frameMs: number | undefined,
): RenderThread {
  const fd = (stream as { fd?: number }).fd ?? 2;
  const worker = new Worker(new URL('./render-worker.js', import.meta.url), {
    workerData: { fd, isTTY: stream.isTTY === true } satisfies RendererData,
    env: { ...process.env, NODE_ENV: 'production' }, // React's production build: several times cheaper per frame
    stdout: true,
    stderr: true,
  });
  worker.unref();
  let pace: FramePace = { frameMs, costMs: 0 };
  let inFlight = false; // a frame was sent and not drawn yet
  let alive = true;
  let drawnAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let finished: (() => void) | undefined;
  // A thread that dies or is cut off while Ink hides the cursor must not leave it hidden.
  const showCursor = (): void => void writeSync(fd, SHOW_CURSOR);
  process.once('exit', showCursor);

  const send = (kind: ToRenderer['kind']): void => {
    inFlight = true;
    drawnAt = Date.now();
    worker.postMessage({
      kind,
      run: model.snapshot(drawnAt),
      columns: stream.columns ?? 100,
      rows: stream.rows ?? 30,
    } satisfies ToRenderer);
  };
  // Sends a frame when the last one is drawn and something changed, or a second passed (elapsed time and ETA move).
  const tick = (): void => {
    if (!inFlight && (model.dirty() || Date.now() - drawnAt >= 1000)) send('frame');
    timer = setTimeout(tick, nextFrameDelay(pace));
    timer.unref();
  };
  // Stops sending frames once the thread drew the last one (`clean`), failed or exited.
  const end = (clean: boolean): void => {
    if (!alive) return;
    alive = false;
    clearTimeout(timer);
    process.off('exit', showCursor);
    if (!clean) showCursor();
    finished?.();
  };
  worker.on('message', (message: FromRenderer) => {
    if (message.kind === 'drawn') {
      inFlight = false;
      pace = { ...pace, costMs: pace.costMs === 0 ? message.costMs : pace.costMs * 0.7 + message.costMs * 0.3 };
    } else end(true);
  });
  worker.on('error', () => end(false));
  worker.on('exit', () => end(false));
  send('frame');
  timer = setTimeout(tick, nextFrameDelay(pace));
  timer.unref();

  return {
    stop() {
      if (!alive) return Promise.resolve();
      clearTimeout(timer);
      const done = new Promise<void>((resolve) => (finished = resolve));
      worker.ref(); // the process waits for the last frame
      send('last');
      return done;
    },
  };
}
