// Attaches the live terminal view to the event bus. Events only update counters (O(1) each) from the first one; a
// worker thread loads Ink and React and draws the frames, so the engine's thread neither waits for them to load
// nor spends its time laying out and writing frames.
import type { EventBus } from '../../engine/events.js';
import { startRenderThread } from './render-thread.js';
import { createRunModel } from './run-model.js';

export interface TuiOptions {
  readonly stream: NodeJS.WriteStream; // the terminal the view draws on
  readonly frameMs?: number | undefined; // time between frames: 333 ms by default, 100 ms to 1 s, stretched when frames are dear
  readonly expected?: ReadonlyMap<string, number> | undefined; // tasks per step, where known before it opens
}

export interface Tui {
  // Shows a line under the steps (instead of writing to the terminal the view draws on).
  notice(text: string): void;
  // Draws the last frame, leaves it on the terminal, and stops.
  detach(): Promise<void>;
}

// Starts the view: counting and drawing at once.
export function attachTui(bus: EventBus, opts: TuiOptions): Tui {
  const model = createRunModel(opts.expected);
  const unsubscribe = bus.subscribe(model.onEvent);
  const renderer = startRenderThread(model, opts.stream, opts.frameMs);
  let detaching: Promise<void> | undefined;
  return {
    notice: (text) => model.notice(text),
    detach() {
      detaching ??= renderer.stop().then(unsubscribe);
      return detaching;
    },
  };
}
