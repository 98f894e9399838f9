// What the engine's thread and the live view's drawing thread tell each other.
import type { RunSnapshot } from './run-model.js';

// Where the drawing thread draws.
export interface RendererData {
  readonly fd: number; // the terminal's file descriptor
  readonly isTTY: boolean; // false when the view was forced (--tui) onto a pipe or file
}

// To the drawing thread: a frame to draw, or the last one (draw it, leave it on the terminal, and stop).
export type ToRenderer = {
  readonly kind: 'frame' | 'last';
  readonly run: RunSnapshot;
  readonly columns: number;
  readonly rows: number;
};

// From the drawing thread: a frame was drawn (and what it cost), or the last one was.
export type FromRenderer = { readonly kind: 'drawn'; readonly costMs: number } | { readonly kind: 'done' };
