// Finding where bytes stop being valid UTF-8, so that a file is refused with a position rather than decoded with
// U+FFFD replacement characters (which would run a different command than the one written).
import { isUtf8 } from 'node:buffer';

// The line and column (1-based; the column counts characters) of the first byte of `bytes` that is not valid
// UTF-8, or undefined when all of it is valid. Lines and columns are counted from `line`, `column`.
export function invalidUtf8At(bytes: Uint8Array, line = 1, column = 1): { line: number; column: number } | undefined {
  if (isUtf8(bytes)) return undefined;
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return { line, column };
    if (bytes[i] === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += length;
  }
  return undefined;
}

// The length of the valid UTF-8 sequence starting at `i`, or 0 when none starts there.
// https://www.unicode.org/versions/Unicode15.0.0/ch03.pdf#G7404 (Table 3-7, well-formed byte sequences)
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const continuation = (k: number, low = 0x80, high = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= low && b <= high;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return continuation(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const [low, high] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [low, high] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}
