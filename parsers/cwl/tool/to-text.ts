// Values as text on a command line, as cwltool writes them (Python's str()).
import { isDirectory, isFile } from '../files/index.js';
import { ToolError } from './errors.js';

// A File or Directory as its path, numbers in positional notation, booleans as Python prints them, other
// values as JSON.
export function toText(value: unknown): string {
  if (isFile(value) || isDirectory(value)) {
    if (value.path === undefined) throw new ToolError(`${value.class} object missing "path": ${JSON.stringify(value)}`);
    return value.path;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return positional(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  return JSON.stringify(value);
}

// A number without exponent or trailing zeros, as cwltool writes numbers on command lines: 1e-05 → 0.00001,
// 1.23e5 → 123000.
export function positional(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  if (!text.includes('e')) return text;
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = 1 + Number(exponentText); // digits before the decimal point
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
