import { describe, expect, it } from 'vitest';
import { createFrameStream } from '../../../ui/tui/frame-stream.js';

// A terminal stand-in that records each write it receives.
function fakeTerminal(): { stream: NodeJS.WriteStream; writes: string[] } {
  const writes: string[] = [];
  const stream = {
    columns: 120,
    rows: 40,
    isTTY: true,
    writable: true,
    destroyed: false,
    writableEnded: false,
    writableLength: 0,
    write(text: string, done?: () => void) {
      writes.push(text);
      done?.();
      return true;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, writes };
}

describe('createFrameStream', () => {
  it('sends everything written during a frame to the terminal in one write', () => {
    const { stream, writes } = fakeTerminal();
    const out = createFrameStream(stream);
    out.ink.write('\u001B[?2026h');
    out.ink.write('\u001B[2K\u001B[1Aline 1\nline 2\n');
    out.ink.write('\u001B[?2026l');
    expect(writes).toEqual([]);
    out.flush();
    expect(writes).toEqual(['\u001B[?2026h\u001B[2K\u001B[1Aline 1\nline 2\n\u001B[?2026l']);
  });

  it('writes nothing for a frame that wrote nothing', () => {
    const { stream, writes } = fakeTerminal();
    const out = createFrameStream(stream);
    out.flush();
    expect(writes).toEqual([]);
  });

  it('still sends writes made outside a frame, at the end of the tick', async () => {
    const { stream, writes } = fakeTerminal();
    const out = createFrameStream(stream);
    out.ink.write('cursor shown');
    await Promise.resolve();
    expect(writes).toEqual(['cursor shown']);
  });

  it('sends what was collected before calling back a write that asks to be told when it is done', () => {
    const { stream, writes } = fakeTerminal();
    const out = createFrameStream(stream);
    let told = false;
    out.ink.write('last frame\n');
    out.ink.write('', () => void (told = true));
    expect(writes).toEqual(['last frame\n']);
    expect(told).toBe(true);
  });

  it('shows Ink the size of the terminal it stands for', () => {
    const { stream } = fakeTerminal();
    const out = createFrameStream(stream);
    expect([out.ink.columns, out.ink.rows, out.ink.isTTY]).toEqual([120, 40, true]);
  });
});
