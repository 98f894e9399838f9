// How long the live view waits between frames: the asked-for interval (333 ms by default), stretched so that
// drawing takes at most 1% of the engine's thread, and kept between 100 ms (10 frames a second) and 1 s (the view
// stays live: elapsed time and ETA move every second).

export interface FramePace {
  readonly frameMs?: number | undefined; // the asked-for time between frames
  readonly costMs: number; // what a frame has recently cost the engine's thread (a moving average)
}

export const MIN_FRAME_MS = 100;
export const FRAME_MS = 333;
export const MAX_FRAME_MS = 1000;
export const FRAME_BUDGET = 0.01; // share of the engine's thread the view may take

// The delay before the next frame.
export function nextFrameDelay(pace: FramePace): number {
  const asked = Math.max(MIN_FRAME_MS, Math.min(MAX_FRAME_MS, pace.frameMs ?? FRAME_MS));
  return Math.round(Math.min(MAX_FRAME_MS, Math.max(asked, pace.costMs / FRAME_BUDGET)));
}
