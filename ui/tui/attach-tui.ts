// Attaches the live terminal view to the event bus. Events only update counters (O(1) each); a timer renders a
// snapshot at most 10 times a second, so the view never slows the engine. Loaded only when the view is used.
import { render } from 'ink';
import { createElement } from 'react';
import type { EventBus } from '../../engine/events.js';
import { RunView } from './components/RunView.js';
import { createRunModel } from './run-model.js';

export interface TuiOptions {
  readonly stream: NodeJS.WriteStream; // the terminal the view draws on
  readonly frameMs?: number | undefined; // time between frames, at least 100 ms
  readonly expected?: ReadonlyMap<string, number> | undefined; // tasks per step, where known before it opens
}

export interface Tui {
  // Shows a line under the steps (instead of writing to the terminal the view draws on).
  notice(text: string): void;
  // Draws the last frame, leaves it on the terminal, and stops.
  detach(): void;
}

const MIN_FRAME_MS = 100;

// Starts the view; it redraws on a timer until detached.
export function attachTui(bus: EventBus, opts: TuiOptions): Tui {
  const { stream } = opts;
  const model = createRunModel(opts.expected);
  const unsubscribe = bus.subscribe(model.onEvent);
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
    Math.max(MIN_FRAME_MS, opts.frameMs ?? MIN_FRAME_MS),
  );
  timer.unref();
  let detached = false;
  return {
    notice: (text) => model.notice(text),
    detach() {
      if (detached) return;
      detached = true;
      clearInterval(timer);
      unsubscribe();
      instance.rerender(frame());
      instance.unmount();
    },
  };
}
