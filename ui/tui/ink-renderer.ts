// Draws the live view with Ink: a timer renders a snapshot of the model 5 times a second (never more than 10).
import { render } from 'ink';
import { createElement } from 'react';
import { RunView } from './components/RunView.js';
import type { RunModel } from './run-model.js';

export interface Renderer {
  // Draws the last frame, leaves it on the terminal, and stops.
  stop(): void;
}

const MIN_FRAME_MS = 100;
const FRAME_MS = 333; // 3 frames a second: each frame costs the engine's thread several ms

// Starts drawing the model on `stream`; it redraws on a timer until stopped.
export function startRenderer(model: RunModel, stream: NodeJS.WriteStream, frameMs: number | undefined): Renderer {
  const frame = () =>
    createElement(RunView, { run: model.snapshot(Date.now()), columns: stream.columns ?? 100, rows: stream.rows ?? 30 });
  const instance = render(frame(), { stdout: stream, patchConsole: false, exitOnCtrlC: false, maxFps: 10 });
  let drawnAt = Date.now();
  // Redraws when something changed, and once a second anyway so elapsed time and ETA move.
  const timer = setInterval(
    () => {
      const now = Date.now();
      if (!model.dirty() && now - drawnAt < 1000) return;
      drawnAt = now;
      instance.rerender(frame());
    },
    Math.max(MIN_FRAME_MS, frameMs ?? FRAME_MS),
  );
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      instance.rerender(frame());
      instance.unmount();
    },
  };
}
