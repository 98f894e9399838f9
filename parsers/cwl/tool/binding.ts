// The command line: bindings collected from baseCommand, arguments and inputs, sorted, and turned into words.
// https://www.commonwl.org/v1.2/CommandLineTool.html#Input_binding
import { isDirectory, isFile } from '../files/index.js';
import type { CommandLineTool, CwlBinding, CwlParameter, CwlType } from '../model.js';
import { ToolError } from './errors.js';
import { toText } from './to-text.js';
import { matchesType } from './type-match.js';

export type SortKey = ReadonlyArray<number | string>;

// One binding with its sort key and the value it binds (`hasDatum` false for arguments without a value).
export interface BoundArgument {
  readonly key: SortKey;
  readonly binding: CwlBinding;
  readonly datum: unknown;
  readonly hasDatum: boolean;
}

// Evaluates an expression with `self`; the tool supplies inputs and runtime.
export type Evaluate = (text: string, self: unknown) => Promise<unknown>;

interface Schema {
  readonly type: CwlType;
  readonly inputBinding?: CwlBinding | undefined;
  readonly id?: string | undefined;
  readonly presetKey?: SortKey | undefined; // an array's binding, already placed, applied to each item
}

// Collects every binding of the tool for this job, sorted as the spec and cwltool order them.
export async function collectBindings(
  tool: CommandLineTool,
  inputs: Readonly<Record<string, unknown>>,
  evaluate: Evaluate,
): Promise<BoundArgument[]> {
  const bound: BoundArgument[] = tool.baseCommand.map((word, index) => ({
    key: [-1_000_000, index],
    binding: {},
    datum: word,
    hasDatum: true,
  }));
  for (const [index, argument] of tool.arguments.entries()) {
    if (typeof argument === 'string') {
      const isExpression = argument.includes('$(') || argument.includes('${');
      bound.push(
        isExpression
          ? { key: [0, index], binding: { valueFrom: argument }, datum: null, hasDatum: false }
          : { key: [0, index], binding: {}, datum: argument, hasDatum: true },
      );
    } else {
      const position = await positionOf(argument, null, evaluate);
      bound.push({ key: [position, index], binding: argument, datum: null, hasDatum: false });
    }
  }
  for (const parameter of tool.inputs) {
    const value = inputs[parameter.id];
    if (value === null || value === undefined) continue;
    bound.push(...(await bindInput(parameter, value, [], [parameter.id], evaluate)));
  }
  return bound.sort((a, b) => compareKeys(a.key, b.key));
}

// Binds one value of a schema, recursing into unions, arrays and records (cwltool's bind_input).
async function bindInput(
  schema: Schema,
  datum: unknown,
  lead: SortKey,
  tail: SortKey,
  evaluate: Evaluate,
): Promise<BoundArgument[]> {
  let own: BoundArgument | undefined;
  if (schema.inputBinding !== undefined) {
    const position = schema.presetKey ?? [await positionOf(schema.inputBinding, datum, evaluate)];
    own = { key: [...lead, ...position, ...tail], binding: schema.inputBinding, datum, hasDatum: true };
  }
  const keepNested = own?.binding.valueFrom === undefined;
  const type = schema.type;
  let nested: BoundArgument[] = [];
  if (Array.isArray(type)) {
    const branch = (type as readonly CwlType[]).find((candidate) => matchesType(candidate, datum));
    if (branch === undefined)
      throw new ToolError(
        `${JSON.stringify(datum)} is not a valid ${schema.id === undefined ? 'value' : `\`${schema.id}\``} of type ${JSON.stringify(type)}`,
      );
    if (keepNested) return bindInput({ ...schema, type: branch }, datum, lead, tail, evaluate);
  } else if (typeof type === 'object') {
    const inner = type as Exclude<CwlType, string | readonly CwlType[]>;
    const itemsBound =
      own !== undefined &&
      inner.inputBinding === undefined &&
      inner.type === 'array' &&
      own.binding.itemSeparator === undefined;
    nested = await bindStructure(
      { type: inner.type, inputBinding: itemsBound ? {} : inner.inputBinding, id: schema.id },
      inner,
      datum,
      lead,
      tail,
      evaluate,
    );
  } else if (type === 'Any' && Array.isArray(datum)) {
    return bindItems(own, 'Any', datum, tail, evaluate);
  } else if (type === 'Any' && typeof datum === 'object' && datum !== null && !isFile(datum) && !isDirectory(datum)) {
    nested = await bindFields(
      Object.keys(datum).map((id) => ({ id, type: 'Any' })),
      datum as Record<string, unknown>,
      lead,
      evaluate,
    );
  }
  return withNested(own, keepNested ? nested : []);
}

// Binds a type written as an object: an array's items (each with the array's binding), or a record's fields
// and then its own binding, or an enum's binding.
async function bindStructure(
  schema: Schema,
  type: Exclude<CwlType, string | readonly CwlType[]>,
  datum: unknown,
  lead: SortKey,
  tail: SortKey,
  evaluate: Evaluate,
): Promise<BoundArgument[]> {
  let own: BoundArgument | undefined;
  if (schema.inputBinding !== undefined)
    own = {
      key: [...lead, await positionOf(schema.inputBinding, datum, evaluate), ...tail],
      binding: schema.inputBinding,
      datum,
      hasDatum: true,
    };
  if (type.type === 'array') return Array.isArray(datum) ? bindItems(own, type.items, datum, tail, evaluate) : [];
  const nested =
    type.type === 'record' && typeof datum === 'object' && datum !== null
      ? await bindFields(type.fields, datum as Record<string, unknown>, lead, evaluate)
      : [];
  return withNested(own, nested);
}

// Binds each item of an array with the array's binding (placed at `own.key`), led by the item's index.
async function bindItems(
  own: BoundArgument | undefined,
  items: CwlType,
  datum: readonly unknown[],
  tail: SortKey,
  evaluate: Evaluate,
): Promise<BoundArgument[]> {
  const out: BoundArgument[] = [];
  for (const [index, item] of datum.entries()) {
    out.push(
      ...(await bindInput(
        { type: items, inputBinding: own?.binding, presetKey: own?.key },
        item,
        [index],
        tail,
        evaluate,
      )),
    );
  }
  return out;
}

// A binding's nested bindings placed after its own position, then the binding itself.
function withNested(own: BoundArgument | undefined, nested: readonly BoundArgument[]): BoundArgument[] {
  if (own === undefined) return [...nested];
  return [...nested.map((b) => ({ ...b, key: [...own.key, ...b.key] })), own];
}

// Binds the fields of a record value that have bindings (or types with bindings).
async function bindFields(
  fields: readonly CwlParameter[],
  record: Readonly<Record<string, unknown>>,
  lead: SortKey,
  evaluate: Evaluate,
): Promise<BoundArgument[]> {
  const out: BoundArgument[] = [];
  for (const field of fields) {
    const value = record[field.id];
    if (value === null || value === undefined) continue;
    out.push(...(await bindInput(field, value, lead, [field.id], evaluate)));
  }
  return out;
}

// The position of a binding: a number, an expression giving one (with `self`), or 0.
async function positionOf(binding: CwlBinding, self: unknown, evaluate: Evaluate): Promise<number> {
  const position = binding.position;
  if (position === undefined) return 0;
  if (typeof position === 'number') return position;
  const result = await evaluate(position, self);
  if (result === null || result === undefined) return 0;
  if (typeof result !== 'number' || !Number.isInteger(result)) {
    throw new ToolError(
      `'position' expressions must evaluate to an int, got ${JSON.stringify(result)} from ${position}`,
    );
  }
  return result;
}

// Orders sort keys element by element: numbers numerically, anything against a string as text, shorter first.
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'string' || typeof y === 'string') return String(x) > String(y) ? 1 : -1;
    return x > y ? 1 : -1;
  }
  return 0;
}

// The words one binding adds to the command line (cwltool's generate_arg).
export async function argumentWords(bound: BoundArgument, evaluate: Evaluate): Promise<string[]> {
  const { binding } = bound;
  const value =
    binding.valueFrom !== undefined
      ? await evaluate(binding.valueFrom, bound.hasDatum ? bound.datum : null)
      : bound.datum;
  const prefix = binding.prefix;
  const separate = binding.separate ?? true;
  if (prefix === undefined && !separate)
    throw new ToolError(`'separate' option can not be specified without prefix (binding ${JSON.stringify(binding)})`);
  let items: unknown[];
  if (Array.isArray(value)) {
    if (binding.itemSeparator !== undefined && value.length > 0)
      items = [value.map(toText).join(binding.itemSeparator)];
    else if (binding.valueFrom !== undefined) return [...(prefix ? [prefix] : []), ...value.map(toText)];
    else return prefix && value.length > 0 ? [prefix] : [];
  } else if (isFile(value) || isDirectory(value)) {
    items = [value];
  } else if (typeof value === 'object' && value !== null) {
    return prefix ? [prefix] : [];
  } else if (value === true && prefix) {
    return [prefix];
  } else if (value === false || value === null || value === undefined || value === true) {
    return [];
  } else {
    items = [value];
  }
  const words: string[] = [];
  for (const item of items) {
    if (separate) words.push(...(prefix === undefined ? [] : [prefix]), toText(item));
    else words.push((prefix ?? '') + toText(item));
  }
  return words;
}
