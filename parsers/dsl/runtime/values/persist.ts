// DSL values as JSON, for what a run keeps on disk between runs (an `exec:` task's outputs, read back on -resume):
// strings, numbers, booleans, null, lists, maps (any keys, in order), paths, decimals, memory and durations. Any
// other value (a closure, a channel, an object of a class) has no stored form: `encodeValue` returns undefined, and
// the caller computes the value again instead.
import { GDecimal, isPath, pathValue } from './values.js';
import { Duration, MemoryUnit } from './units.js';

type Stored =
  | null
  | boolean
  | number
  | string
  | { readonly list: Stored[] }
  | { readonly map: [Stored, Stored][] }
  | { readonly path: string }
  | { readonly decimal: number }
  | { readonly memory: number }
  | { readonly duration: number };

const UNSTORABLE = Symbol('unstorable');

function encode(value: unknown): Stored | typeof UNSTORABLE {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : UNSTORABLE;
  if (value instanceof GDecimal) return { decimal: value.value };
  if (value instanceof MemoryUnit) return { memory: value.amount };
  if (value instanceof Duration) return { duration: value.amount };
  if (isPath(value)) return value.staged === true ? UNSTORABLE : { path: value.path };
  if (Array.isArray(value)) {
    const list: Stored[] = [];
    for (const item of value) {
      const stored = encode(item);
      if (stored === UNSTORABLE) return UNSTORABLE;
      list.push(stored);
    }
    return { list };
  }
  if (value instanceof Map) {
    const map: [Stored, Stored][] = [];
    for (const [k, v] of value) {
      const key = encode(k);
      const item = encode(v);
      if (key === UNSTORABLE || item === UNSTORABLE) return UNSTORABLE;
      map.push([key, item]);
    }
    return { map };
  }
  return UNSTORABLE;
}

function decode(stored: Stored): unknown {
  if (stored === null || typeof stored !== 'object') return stored;
  if ('list' in stored) return stored.list.map(decode);
  if ('map' in stored) return new Map(stored.map.map(([k, v]) => [decode(k), decode(v)] as [unknown, unknown]));
  if ('path' in stored) return pathValue(stored.path);
  if ('decimal' in stored) return new GDecimal(stored.decimal);
  if ('memory' in stored) return new MemoryUnit(stored.memory);
  if ('duration' in stored) return new Duration(stored.duration);
  throw new Error('not a stored value');
}

// The values as JSON text, or undefined when one of them has no stored form.
export function encodeValues(values: readonly unknown[]): string | undefined {
  const stored = encode(values);
  return stored === UNSTORABLE ? undefined : JSON.stringify(stored);
}

// The values `encodeValues` wrote; undefined when the text is not such a list.
export function decodeValues(text: string): unknown[] | undefined {
  try {
    const stored = JSON.parse(text) as Stored;
    const values = decode(stored);
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}
