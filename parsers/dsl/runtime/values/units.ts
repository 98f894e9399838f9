// Nextflow's MemoryUnit and Duration: `2.GB`, `'1h 30m'` as values that print (`2 GB`, `1h 30m`), compare, take
// arithmetic (`2.GB * task.attempt`) and convert (`toGiga()`, `toMillis()`), as task.memory and task.time are. Their
// units are engine/units.ts's tables, the ones pipe's own options read.
import { DURATION_UNITS, MEMORY_UNITS as MEMORY_FACTORS } from '../../../../engine/units.js';

// How an amount prints: in the largest of these it reaches.
const MEMORY_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB'];

// An amount of memory in bytes.
export class MemoryUnit {
  constructor(readonly amount: number) {}
  toString(): string {
    if (this.amount <= 0) return '0';
    const group = Math.min(Math.floor(Math.log10(this.amount) / Math.log10(1024)), MEMORY_UNITS.length - 1);
    const scaled = Math.round((this.amount / 1024 ** group) * 10) / 10;
    return `${scaled} ${MEMORY_UNITS[group]}`;
  }
}

// A duration in milliseconds.
export class Duration {
  constructor(readonly amount: number) {}
  toString(): string {
    const ms = this.amount;
    if (ms < 1000) return `${Math.round(ms)}ms`;
    if (ms < 60_000) return `${Math.round((ms / 1000) * 10) / 10}s`;
    let secs = Math.round(ms / 1000);
    let mins = Math.floor(secs / 60);
    secs %= 60;
    let hours = Math.floor(mins / 60);
    mins %= 60;
    const days = Math.floor(hours / 24);
    hours %= 24;
    const parts: [number, string][] = [
      [days, 'd'],
      [hours, 'h'],
      [mins, 'm'],
      [secs, 's'],
    ];
    return parts
      .filter(([n]) => n > 0)
      .map(([n, u]) => `${n}${u}`)
      .join(' ');
  }
}

export type Quantity = MemoryUnit | Duration;

// Whether a value is a memory amount or a duration.
export function isQuantity(value: unknown): value is Quantity {
  return value instanceof MemoryUnit || value instanceof Duration;
}

// The multiplier of a memory unit as the DSL writes it (`GB`, `MB`, `B`: a letter and B), or undefined.
function memoryFactor(unit: string): number | undefined {
  return /^[kmgtpez]?b$/i.test(unit) ? MEMORY_FACTORS[unit.toLowerCase()] : undefined;
}

// The milliseconds of a duration unit as the DSL writes it (lower case: `h`, `min`, `days`), or undefined.
function timeFactor(unit: string): number | undefined {
  return /^[a-z]+$/.test(unit) ? DURATION_UNITS[unit] : undefined;
}

// `n.GB`, `n.h` …: the quantity a number property names, or undefined.
export function unitOfNumber(n: number, name: string): Quantity | undefined {
  const memory = memoryFactor(name);
  if (memory !== undefined) return new MemoryUnit(Math.round(n * memory));
  const time = timeFactor(name);
  return time === undefined ? undefined : new Duration(n * time);
}

// Memory as written in a directive or config (`2 GB`, `2GB`, `2.GB`, `512 MB`), or undefined.
export function parseMemory(text: string): MemoryUnit | undefined {
  const match = /^\s*([\d.]+)\s*\.?\s*([KMGTPEZ]?B)\s*$/i.exec(text);
  if (match === null) return undefined;
  return new MemoryUnit(Math.round(Number(match[1]) * (memoryFactor(match[2] as string) ?? 1)));
}

// A duration as written (`1h`, `30.m`, `1d 2h`, `1 hour`, `500ms`), or undefined.
export function parseDuration(text: string): Duration | undefined {
  const units = Object.keys(DURATION_UNITS).sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`([\\d.]+)\\s*\\.?\\s*(${units.join('|')})\\b`, 'g');
  let total = 0;
  let rest = text;
  for (const match of text.matchAll(pattern)) {
    total += Number(match[1]) * (DURATION_UNITS[match[2] as string] ?? 0);
    rest = rest.replace(match[0], '');
  }
  return rest.trim() === '' && rest !== text ? new Duration(total) : undefined;
}

// A quantity of the same kind with another amount.
function same(q: Quantity, amount: number): Quantity {
  return q instanceof MemoryUnit ? new MemoryUnit(Math.round(amount)) : new Duration(amount);
}

// `a op b` where one side is a quantity, or undefined when the operator does not apply.
export function quantityOp(op: string, a: unknown, b: unknown): unknown {
  const qa = isQuantity(a) ? a : undefined;
  const qb = isQuantity(b) ? b : undefined;
  const na = typeof a === 'number' ? a : undefined;
  const nb = typeof b === 'number' ? b : undefined;
  if (qa !== undefined && qb !== undefined && qa.constructor === qb.constructor) {
    if (op === '+') return same(qa, qa.amount + qb.amount);
    if (op === '-') return same(qa, qa.amount - qb.amount);
    if (op === '/') return qa.amount / qb.amount;
  }
  if (qa !== undefined && nb !== undefined) {
    if (op === '*') return same(qa, qa.amount * nb);
    if (op === '/') return same(qa, qa.amount / nb);
  }
  if (na !== undefined && qb !== undefined && op === '*') return same(qb, na * qb.amount);
  return undefined;
}

// The methods and properties of a quantity (`toGiga()`, `toUnit('MB')`, `toMillis()`, `bytes`, `giga` …).
export function quantityMember(q: Quantity, name: string, args: readonly unknown[]): unknown {
  if (q instanceof MemoryUnit) {
    const units: Record<string, number> = { Bytes: 1, Kilo: 1024, Mega: 1024 ** 2, Giga: 1024 ** 3, Tera: 1024 ** 4 };
    const key = name.replace(/^(to|get)/, '');
    const factor = units[key] ?? units[key.charAt(0).toUpperCase() + key.slice(1)];
    if (factor !== undefined) return Math.floor(q.amount / factor);
    if (name === 'toUnit') return Math.floor(q.amount / (MEMORY_FACTORS[String(args[0]).toLowerCase()] ?? 1));
  } else {
    const units: Record<string, number> = {
      Millis: 1,
      Seconds: 1000,
      Minutes: 60_000,
      Hours: 3_600_000,
      Days: 86_400_000,
    };
    const key = name.replace(/^(to|get)/, '');
    const factor = units[key] ?? units[key.charAt(0).toUpperCase() + key.slice(1)];
    if (factor !== undefined) return Math.floor(q.amount / factor);
    if (name === 'durationInMillis') return q.amount;
  }
  if (name === 'toString') return q.toString();
  return undefined;
}
