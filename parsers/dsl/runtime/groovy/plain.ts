// Runtime values to and from plain JavaScript data, for JSON and YAML.
import { GDecimal, isPath, show } from '../values/values.js';
import { isHostObject } from './host-object.js';

// A runtime value as JSON-able data: maps become objects, paths and library objects their text; `decimal` says
// what a decimal becomes (its number, unless a writer keeps `1.0` apart from `1`).
export function toPlain(value: unknown, decimal: (d: GDecimal) => unknown = (d) => d.value): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (value instanceof GDecimal) return decimal(value);
  if (Array.isArray(value)) return value.map((v) => toPlain(v, decimal));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [show(k), toPlain(v, decimal)]));
  if (isPath(value)) return value.path;
  if (isHostObject(value)) return value.show();
  return show(value);
}

// Parsed JSON or YAML as runtime values: objects become maps, decimals print as Groovy's.
export function fromPlain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof GDecimal) return value;
  if (typeof value === 'number') return Number.isInteger(value) && !Object.is(value, -0) ? value : new GDecimal(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(fromPlain);
  if (typeof value === 'object') return new Map(Object.entries(value).map(([k, v]) => [k, fromPlain(v)]));
  return value;
}
