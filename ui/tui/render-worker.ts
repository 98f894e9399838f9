// The live view's drawing thread: loads Ink and React (in their production builds: the thread's environment says
// so) and draws the snapshots the engine's thread sends, straight onto the terminal, off the engine's thread.
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createInkView, type InkView } from './ink-view.js';
import type { FromRenderer, RendererData, ToRenderer } from './render-messages.js';

const { fd, isTTY } = workerData as RendererData;
const port = parentPort;

// Writes all of `text` to the terminal, waiting out a full buffer.
function writeAll(text: string, done?: () => void): void {
  let bytes = Buffer.from(text);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
  done?.();
}

let view: InkView | undefined;
let pending: ToRenderer | undefined;
let scheduled = false;

// Draws the newest message only: frames that queued up while Ink loaded or a frame was drawn are skipped.
function drawPending(): void {
  scheduled = false;
  const message = pending;
  pending = undefined;
  if (message === undefined || port === null) return;
  const { run, columns, rows } = message;
  if (message.kind === 'last') {
    if (view === undefined) createInkView({ write: writeAll }, isTTY, run, columns, rows).finish(run, columns, rows);
    else view.finish(run, columns, rows);
    port.postMessage({ kind: 'done' } satisfies FromRenderer);
    port.close();
    return;
  }
  let costMs: number;
  if (view === undefined) {
    const t0 = performance.now();
    view = createInkView({ write: writeAll }, isTTY, run, columns, rows);
    costMs = performance.now() - t0;
  } else costMs = view.draw(run, columns, rows);
  port.postMessage({ kind: 'drawn', costMs } satisfies FromRenderer);
}

port?.on('message', (message: ToRenderer) => {
  if (pending?.kind !== 'last') pending = message;
  if (scheduled) return;
  scheduled = true;
  setImmediate(drawPending);
});
