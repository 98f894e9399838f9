// Methods on numbers that scripts call: conversions, rounding, comparisons.
import type { MethodTable } from './method-table.js';
import { GDecimal, numberOf, show } from '../values/values.js';

// The number inside a receiver that is known to be numeric.
const n = (value: unknown): number => numberOf(value) ?? 0;
// A floating-point result: a whole number stays a decimal, so it prints as `5.0`.
const floating = (value: unknown): unknown => (Number.isInteger(n(value)) ? new GDecimal(n(value)) : n(value));

export const numberMethods: MethodTable<unknown> = {
  toInteger: (_c, v) => Math.trunc(n(v)),
  intValue: (_c, v) => Math.trunc(n(v)),
  toLong: (_c, v) => Math.trunc(n(v)),
  longValue: (_c, v) => Math.trunc(n(v)),
  toDouble: (_c, v) => floating(v),
  doubleValue: (_c, v) => floating(v),
  toFloat: (_c, v) => floating(v),
  floatValue: (_c, v) => floating(v),
  toBigInteger: (_c, v) => Math.trunc(n(v)),
  toBigDecimal: (_c, v) => (Number.isInteger(n(v)) ? new GDecimal(n(v)) : n(v)),
  toString: (_c: unknown, v: unknown) => show(v),
  round: (_c, v, args) => {
    const digits = numberOf(args[0]);
    return digits === undefined ? Math.round(n(v)) : Number(n(v).toFixed(digits));
  },
  abs: (_c, v) => Math.abs(n(v)),
  intdiv: (_c, v, args) => Math.trunc(n(v) / (numberOf(args[0]) ?? 1)),
  max: (_c, v, args) => Math.max(n(v), numberOf(args[0]) ?? n(v)),
  min: (_c, v, args) => Math.min(n(v), numberOf(args[0]) ?? n(v)),
  power: (_c, v, args) => n(v) ** (numberOf(args[0]) ?? 1),
  times: (_c, v, args) => {
    const fn = args[0] as { call(a: readonly unknown[]): unknown } | undefined;
    for (let i = 0; i < n(v); i++) fn?.call([i]);
    return null;
  },
};
