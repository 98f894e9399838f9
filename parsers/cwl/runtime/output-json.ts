// The output object as `pipe run`/cwltool print it: JSON indented by 4, with whole numbers written in digits however
// large (10**42 as 1000000000000000000000000000000000000000000, as Python prints an int, not 1e+42).
import { randomBytes } from 'node:crypto';
import { integerDigits } from '../expressions/python-json.js';

// Serialises a CWL output object; whole numbers beyond JavaScript's exponent threshold keep their digits.
export function outputJson(value: unknown): string {
  const mark = `\u0000${randomBytes(6).toString('hex')}:`;
  const text = JSON.stringify(
    value,
    (_, v: unknown) =>
      typeof v === 'number' && Number.isInteger(v) && Math.abs(v) >= 1e21 ? mark + integerDigits(v) : v,
    4,
  );
  return text.replace(new RegExp(`"\\\\u0000${mark.slice(1)}(-?\\d+)"`, 'g'), '$1');
}
