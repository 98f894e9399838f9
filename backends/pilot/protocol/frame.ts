// Framing for the pilot protocol: each message is a 4-byte big-endian length followed by that many bytes of
// UTF-8 JSON. Frames larger than MAX_FRAME_BYTES are refused before they are buffered.

export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
// The largest first frame (the hello) of a connection not yet authenticated: the hello of an agent that reconnects
// lists the dispatches it holds, a few dozen bytes each. A larger claim closes the connection before any buffering.
export const MAX_HELLO_BYTES = 64 * 1024;
const HEADER_BYTES = 4;

// Encodes one message as a frame.
export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > MAX_FRAME_BYTES)
    throw new FrameError(`message of ${body.length} bytes exceeds the ${MAX_FRAME_BYTES}-byte frame limit`);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

// A frame that is too large or not JSON: the connection that sent it is closed.
export class FrameError extends Error {
  override readonly name = 'FrameError';
}

export interface FrameReader {
  // Feeds received bytes; calls onMessage once per complete frame. Throws FrameError on a bad frame.
  push(chunk: Buffer): void;
}

// Splits a byte stream into decoded messages.
// `limit` gives the largest frame accepted now (smaller until the peer is authenticated).
export function createFrameReader(
  onMessage: (message: unknown) => void,
  limit: () => number = () => MAX_FRAME_BYTES,
): FrameReader {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let needed = -1; // body length of the frame being read, -1 while its header is incomplete

  // Takes `n` bytes off the front of the pending chunks.
  const take = (n: number): Buffer => {
    const all = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    pending = rest.length > 0 ? [rest] : [];
    pendingBytes = rest.length;
    return head;
  };

  return {
    push(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      for (;;) {
        if (needed < 0) {
          if (pendingBytes < HEADER_BYTES) return;
          needed = take(HEADER_BYTES).readUInt32BE(0);
          const max = limit();
          if (needed > max) throw new FrameError(`frame of ${needed} bytes exceeds the ${max}-byte limit`);
        }
        if (pendingBytes < needed) return;
        const body = take(needed);
        needed = -1;
        let message: unknown;
        try {
          message = JSON.parse(body.toString('utf8'));
        } catch (error) {
          throw new FrameError(`frame is not JSON: ${(error as Error).message}`);
        }
        if (typeof message !== 'object' || message === null || typeof (message as { t?: unknown }).t !== 'string') {
          throw new FrameError('frame is not a pilot message (no "t" field)');
        }
        onMessage(message);
      }
    },
  };
}
