// Attaches the live terminal view to the event bus. Events only update counters (O(1) each) from the first one;
// Ink and React load in the background meanwhile, so the run starts at once and the view appears when ready.
import { createRequire } from 'node:module';
import type { EventBus } from '../../engine/events.js';
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

// Puts React's production build (several times cheaper per frame) in the module cache, which Ink's own imports
// then use; NODE_ENV is set only for these synchronous loads, so tasks inherit the user's environment unchanged.
function preloadReactForProduction(): void {
  const require = createRequire(import.meta.url);
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    require('react');
    require('react/jsx-runtime');
    require('react-reconciler');
  } catch {
    // Ink resolves its own copies then; the view still works, only slower.
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
}

// Starts the view: counting now, drawing once Ink has loaded.
export function attachTui(bus: EventBus, opts: TuiOptions): Tui {
  const model = createRunModel(opts.expected);
  const unsubscribe = bus.subscribe(model.onEvent);
  preloadReactForProduction();
  // A view that failed to load leaves the run undisturbed (and undrawn).
  const renderer = import('./ink-renderer.js').then(
    ({ startRenderer }) => startRenderer(model, opts.stream, opts.frameMs),
    () => undefined,
  );
  let detaching: Promise<void> | undefined;
  return {
    notice: (text) => model.notice(text),
    detach() {
      detaching ??= renderer.then((r) => {
        unsubscribe();
        r?.stop();
      });
      return detaching;
    },
  };
}
