import { describe, expect, it } from 'vitest';
import { createFrameStream, type TerminalSink } from '../../../ui/tui/frame-stream.js';

// A terminal stand-in that records each write it receives.
function fakeTerminal(): { sink: TerminalSink; writes: string[] } {
  const writes: string[] = [];
  return {
    writes,
    sink: {
      write(text, done) {
        writes.push(text);
        done?.();
      },
    },
  };
}

const size = { columns: 120, rows: 40 };

describe('createFrameStream', () => {
  it('sends everything written during a frame to the terminal in one write', () => {
    const { sink, writes } = fakeTerminal();
    const out = createFrameStream(sink, size);
    out.ink.write('\u001B[?2026h');
    out.ink.write('\u001B[2K\u001B[1Aline 1\nline 2\n');
    out.ink.write('\u001B[?2026l');
    expect(writes).toEqual([]);
    out.flush();
    expect(writes).toEqual(['\u001B[?2026h\u001B[2K\u001B[1Aline 1\nline 2\n\u001B[?2026l']);
  });

  it('writes nothing for a frame that wrote nothing', () => {
    const { sink, writes } = fakeTerminal();
    createFrameStream(sink, size).flush();
    expect(writes).toEqual([]);
  });

  it('still sends writes made outside a frame, at the end of the tick', async () => {
    const { sink, writes } = fakeTerminal();
    const out = createFrameStream(sink, size);
    out.ink.write('cursor shown');
    await Promise.resolve();
    expect(writes).toEqual(['cursor shown']);
  });

  it('sends what was collected before calling back a write that asks to be told when it is done', () => {
    const { sink, writes } = fakeTerminal();
    const out = createFrameStream(sink, size);
    let told = false;
    out.ink.write('last frame\n');
    out.ink.write('', () => void (told = true));
    expect(writes).toEqual(['last frame\n']);
    expect(told).toBe(true);
  });

  it('shows Ink a terminal of the given size and tells it when the size changes', () => {
    const out = createFrameStream(fakeTerminal().sink, size);
    expect([out.ink.columns, out.ink.rows, out.ink.isTTY]).toEqual([120, 40, true]);
    let resizes = 0;
    out.ink.on('resize', () => void (resizes += 1));
    out.resize(120, 40);
    out.resize(80, 24);
    expect([out.ink.columns, out.ink.rows, resizes]).toEqual([80, 24, 1]);
  });

  it('tells Ink it is not on a terminal when the view was forced onto a pipe', () => {
    expect(createFrameStream(fakeTerminal().sink, size, false).ink.isTTY).toBe(false);
  });
});
