// Draws the live view with Ink: a timer renders a snapshot of the model about 3 times a second, less often when
// frames are dear, so that drawing takes at most 1% of the engine's thread; never more than 10 times a second and
// never less than once a second.
import { render } from 'ink';
import { createElement } from 'react';
import { RunView } from './components/RunView.js';
import { createFrameStream } from './frame-stream.js';
import { nextFrameDelay, type FramePace } from './frame-pace.js';
import type { RunModel } from './run-model.js';

export interface Renderer {
  // Draws the last frame, leaves it on the terminal, and stops.
  stop(): void;
}

// Starts drawing the model on `stream`; it redraws on a timer until stopped.
export function startRenderer(model: RunModel, stream: NodeJS.WriteStream, frameMs: number | undefined): Renderer {
  const out = createFrameStream(stream);
  const frame = () =>
    createElement(RunView, { run: model.snapshot(Date.now()), columns: stream.columns ?? 100, rows: stream.rows ?? 30 });
  let pace: FramePace = { frameMs, costMs: 0 };
  // Renders one frame and sends it to the terminal in one write, measuring what that took.
  const draw = (): void => {
    const t0 = performance.now();
    instance.rerender(frame());
    out.flush();
    pace = { ...pace, costMs: pace.costMs === 0 ? performance.now() - t0 : pace.costMs * 0.7 + (performance.now() - t0) * 0.3 };
  };
  const t0 = performance.now();
  const instance = render(frame(), { stdout: out.ink, patchConsole: false, exitOnCtrlC: false, maxFps: 10 });
  out.flush();
  pace = { ...pace, costMs: performance.now() - t0 };
  let drawnAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  // Redraws when something changed, and once a second anyway so elapsed time and ETA move.
  const tick = (): void => {
    const now = Date.now();
    if (model.dirty() || now - drawnAt >= 1000) {
      drawnAt = now;
      draw();
    }
    timer = setTimeout(tick, nextFrameDelay(pace));
    timer.unref();
  };
  timer = setTimeout(tick, nextFrameDelay(pace));
  timer.unref();
  return {
    stop() {
      clearTimeout(timer);
      instance.rerender(frame());
      instance.unmount();
      out.flush();
    },
  };
}
