// Draws snapshots of the run with Ink on a terminal, each frame in one write.
import { render } from 'ink';
import { createElement } from 'react';
import { RunView } from './components/RunView.js';
import { createFrameStream, type TerminalSink } from './frame-stream.js';
import type { RunSnapshot } from './run-model.js';

export interface InkView {
  // Draws a frame and returns what it took, in ms.
  draw(run: RunSnapshot, columns: number, rows: number): number;
  // Draws the last frame, leaves it on the terminal, and stops.
  finish(run: RunSnapshot, columns: number, rows: number): void;
}

// Starts Ink on the terminal with a first frame.
export function createInkView(
  sink: TerminalSink,
  isTTY: boolean,
  run: RunSnapshot,
  columns: number,
  rows: number,
): InkView {
  const out = createFrameStream(sink, { columns, rows }, isTTY);
  const element = (snapshot: RunSnapshot) => createElement(RunView, { run: snapshot, columns, rows });
  const instance = render(element(run), { stdout: out.ink, patchConsole: false, exitOnCtrlC: false, maxFps: 10 });
  out.flush();
  // Re-renders with the terminal's current size.
  const rerender = (snapshot: RunSnapshot, newColumns: number, newRows: number): void => {
    columns = newColumns;
    rows = newRows;
    out.resize(columns, rows);
    instance.rerender(element(snapshot));
  };
  return {
    draw(snapshot, newColumns, newRows) {
      const t0 = performance.now();
      rerender(snapshot, newColumns, newRows);
      out.flush();
      return performance.now() - t0;
    },
    finish(snapshot, newColumns, newRows) {
      rerender(snapshot, newColumns, newRows);
      instance.unmount();
      out.flush();
    },
  };
}
