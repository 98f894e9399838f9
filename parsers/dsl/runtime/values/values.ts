// Groovy values as the DSL runtime holds them, with Groovy's truth, equality, ordering and printing.
import type { DslChannel } from '../channels/channel.js';
import { Duration, isQuantity, MemoryUnit } from './units.js';

// A file or directory path (Nextflow's Path): shown as its absolute path.
export interface DslPath {
  readonly kind: 'path';
  readonly path: string;
  // A task's staged input name: it prints with shell-special characters escaped (`file\ A.txt`), as Nextflow puts
  // input names into scripts.
  readonly staged?: true;
}

// A callable closure; `params` are its declared parameter names (empty for the implicit `it`).
export interface DslClosure {
  readonly kind: 'closure';
  readonly arity: number;
  call(args: readonly unknown[]): unknown;
}

// A Groovy map: keys in insertion order.
export type DslMap = Map<unknown, unknown>;

const BLANK_SEPARATED = Symbol('blankSeparated');

// A list that prints as its items separated by blanks (staged input files in a script: `$reads` → `a_1.fq a_2.fq`).
export function blankSeparated(items: unknown[]): unknown[] {
  Object.defineProperty(items, BLANK_SEPARATED, { value: true, enumerable: false });
  return items;
}

const RANGE = Symbol('range');

// A list made by a range `a..b`: `Channel.of(1..3)` emits its items one by one.
export function rangeList(items: unknown[]): unknown[] {
  Object.defineProperty(items, RANGE, { value: true, enumerable: false });
  return items;
}

// Whether a list was made by a range.
export function isRange(value: unknown): boolean {
  return Array.isArray(value) && RANGE in value;
}

// Creates a path value.
export function pathValue(path: string): DslPath {
  return { kind: 'path', path };
}

// A task's staged input name (relative to its work dir), which prints escaped for the shell.
export function stagedPath(name: string): DslPath {
  return { kind: 'path', path: name, staged: true };
}

// A name with the characters a shell would split or interpret escaped by a backslash, as Nextflow's Escape.path.
function escapeForShell(name: string): string {
  return name.replace(/[ '"()\\!&|<>`;$]/g, '\\$&');
}

// Whether a value is a path.
export function isPath(value: unknown): value is DslPath {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'path' &&
    !(value instanceof Map)
  );
}

// Whether a value is a closure.
export function isClosure(value: unknown): value is DslClosure {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'closure' &&
    !(value instanceof Map)
  );
}

// Whether a value is a channel.
export function isChannel(value: unknown): value is DslChannel {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'channel' &&
    !(value instanceof Map)
  );
}

// Nextflow's `groupKey(key, size)`: a grouping key that knows how many items its group has, so groupTuple emits the
// group as soon as it is complete; it prints, compares and groups as the key it wraps.
export class GroupKey {
  readonly kind = 'object';
  readonly type = 'nextflow.extension.GroupKey';
  readonly methods: Readonly<Record<string, () => unknown>>;
  readonly properties: Readonly<Record<string, () => unknown>>;
  constructor(
    readonly value: unknown,
    readonly size: number,
  ) {
    this.methods = { getGroupTarget: () => value, getGroupSize: () => size };
    this.properties = { groupTarget: () => value, groupSize: () => size };
  }
  show(): string {
    return show(this.value);
  }
}

// The key a group key wraps, or the value itself.
function unwrapKey(value: unknown): unknown {
  return value instanceof GroupKey ? value.value : value;
}

// Whether a value is a Java/Groovy library object (groovy/host-object.ts), which shows itself.
function isLibraryObject(value: unknown): value is { type: string; show(): string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'object' &&
    typeof (value as { show?: unknown }).show === 'function'
  );
}

// Groovy truth: null, false, 0, '' and empty collections are false.
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  return true;
}

// A decimal as Groovy prints it (`1.0`, `2.5`); integers print without a point.
export class GDecimal {
  constructor(readonly value: number) {}
  toString(): string {
    return Number.isInteger(this.value) ? `${this.value}.0` : String(this.value);
  }
}

// The number inside a number value, or undefined.
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof GDecimal) return value.value;
  return undefined;
}

// A value as Groovy's toString() shows it: lists `[a, b]`, maps `[k:v]`, paths their absolute path; a list or map
// inside itself as Groovy shows it, `(this Collection)` or `(this Map)`.
export function show(value: unknown): string {
  return showWithin(value, []);
}

// show() of a value found inside the lists and maps `within`.
function showWithin(value: unknown, within: readonly unknown[]): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof GDecimal) return value.toString();
  if (Array.isArray(value)) {
    if (within.includes(value)) return '(this Collection)';
    const items = value.map((item) => showWithin(item, [...within, value]));
    return BLANK_SEPARATED in value ? items.join(' ') : `[${items.join(', ')}]`;
  }
  if (value instanceof Map) {
    if (within.includes(value)) return '(this Map)';
    if (value.size === 0) return '[:]';
    const inner = [...within, value];
    return `[${[...value].map(([k, v]) => `${showWithin(k, inner)}:${showWithin(v, inner)}`).join(', ')}]`;
  }
  if (isPath(value)) return value.staged === true ? escapeForShell(value.path) : value.path;
  if (isClosure(value)) return 'Closure';
  if (isChannel(value)) return value.isValue ? 'DataflowVariable' : 'DataflowQueue';
  if (isLibraryObject(value)) return value.show();
  return String(value);
}

// Groovy `==`: numbers by value, strings/paths by text, lists and maps element-wise.
export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof GroupKey || b instanceof GroupKey) return equals(unwrapKey(a), unwrapKey(b));
  if (a === undefined) return b === null || b === undefined;
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (isPath(a) && isPath(b)) return a.path === b.path;
  if (isQuantity(a) && isQuantity(b)) return a.constructor === b.constructor && a.amount === b.amount;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equals(item, b[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !equals(v, b.get(k))) return false;
    return true;
  }
  return false;
}

// Groovy `<=>`: numbers, strings, paths and lists (element-wise); null sorts first.
export function compare(a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (isQuantity(a) && isQuantity(b)) return Math.sign(a.amount - b.amount);
  // a number against a MemoryUnit or Duration compares with its bytes or milliseconds (`x.size() < 10.B`)
  if (isQuantity(a) && nb !== undefined) return Math.sign(a.amount - nb);
  if (na !== undefined && isQuantity(b)) return Math.sign(na - b.amount);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  const sa = show(a);
  const sb = show(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

// A text key under which equal values (per `equals`) coincide: for join, groupTuple, unique.
export function valueKey(value: unknown): string {
  if (value instanceof GroupKey) return valueKey(value.value);
  if (value === null || value === undefined) return 'n';
  const n = numberOf(value);
  if (n !== undefined) return `#${n}`;
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'boolean') return `b${value}`;
  if (isPath(value)) return `p${value.path}`;
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${valueKey(k)}:${valueKey(v)}`).join(',')}}`;
  return `o${show(value)}`;
}

// The Groovy type name of a value, for messages.
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
  if (value instanceof GDecimal) return 'BigDecimal';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) return 'List';
  if (value instanceof Map) return 'Map';
  if (isPath(value)) return 'Path';
  if (isClosure(value)) return 'Closure';
  if (isChannel(value)) return 'Channel';
  if (value instanceof MemoryUnit) return 'MemoryUnit';
  if (value instanceof Duration) return 'Duration';
  if (isLibraryObject(value)) return value.type;
  return 'Object';
}
