// CWL types into their one normalized form: `T?` and `T[]` expanded, named schema types inlined, record fields
// and enum symbols given short names. https://www.commonwl.org/v1.2/CommandLineTool.html#CWLType
import type { CwlBinding, CwlParameter, CwlType } from '../model.js';
import { isRecord, mapToList, shortName } from './shorthand.js';

// Named types from SchemaDefRequirement, by short name.
export type SchemaDefs = ReadonlyMap<string, unknown>;

// The primitive type names and what a bare name resolves to.
const PRIMITIVES = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'string',
  'File',
  'Directory',
  'Any',
  'stdout',
  'stderr',
  'stdin',
]);

// Thrown for a type that names nothing known; the loader adds the location.
export class UnknownTypeError extends Error {
  constructor(readonly typeName: string) {
    super(`unknown type \`${typeName}\``);
  }
}

// Normalizes one type as written; `defs` supplies SchemaDefRequirement's named types.
export function normalizeType(raw: unknown, defs: SchemaDefs, seen: ReadonlySet<string> = new Set()): CwlType {
  if (Array.isArray(raw)) return raw.map((item) => normalizeType(item, defs, seen));
  if (typeof raw === 'string') return normalizeTypeName(raw, defs, seen);
  if (!isRecord(raw)) throw new UnknownTypeError(JSON.stringify(raw));
  const binding = raw.inputBinding === undefined ? {} : { inputBinding: normalizeBinding(raw.inputBinding) };
  switch (raw.type) {
    case 'array':
      return { type: 'array', items: normalizeType(raw.items, defs, seen), ...binding };
    case 'enum':
      return {
        type: 'enum',
        ...(typeof raw.name === 'string' ? { name: shortName(raw.name) } : {}),
        symbols: (Array.isArray(raw.symbols) ? raw.symbols : []).map((s) => shortName(String(s))),
        ...binding,
      };
    case 'record': {
      const fields = mapToList(raw.fields, 'name', 'type').map((field) => normalizeField(field, defs, seen));
      return {
        type: 'record',
        ...(typeof raw.name === 'string' ? { name: shortName(raw.name) } : {}),
        fields,
        ...binding,
      };
    }
    default:
      if (typeof raw.type === 'string' || Array.isArray(raw.type)) {
        // `{type: File}` and similar wrappers around a plain type.
        return normalizeType(raw.type, defs, seen);
      }
      throw new UnknownTypeError(JSON.stringify(raw));
  }
}

// A type name: a primitive, `T?`, `T[]`, or a SchemaDefRequirement name.
function normalizeTypeName(name: string, defs: SchemaDefs, seen: ReadonlySet<string>): CwlType {
  if (name.endsWith('?')) return ['null', normalizeTypeName(name.slice(0, -1), defs, seen)];
  if (name.endsWith('[]')) return { type: 'array', items: normalizeTypeName(name.slice(0, -2), defs, seen) };
  const bare = name.startsWith('#') ? name.slice(1) : name;
  if (PRIMITIVES.has(bare)) return bare;
  const xsd = /^(?:https?:\/\/www\.w3\.org\/2001\/XMLSchema#|xsd:)(\w+)$/.exec(name)?.[1];
  if (xsd !== undefined && PRIMITIVES.has(xsd)) return xsd;
  const key = shortName(name);
  const def = defs.get(key);
  if (def === undefined || seen.has(key)) throw new UnknownTypeError(name);
  return normalizeType(def, defs, new Set([...seen, key]));
}

// A record field with its short name.
function normalizeField(field: Record<string, unknown>, defs: SchemaDefs, seen: ReadonlySet<string>): CwlParameter {
  const { name, type, inputBinding, outputBinding, secondaryFiles, ...rest } = field;
  return {
    ...rest,
    id: shortName(String(name)),
    type: normalizeType(type, defs, seen),
    ...(inputBinding === undefined ? {} : { inputBinding: normalizeBinding(inputBinding) }),
    ...(outputBinding === undefined ? {} : { outputBinding: outputBinding as CwlParameter['outputBinding'] }),
    ...(secondaryFiles === undefined ? {} : { secondaryFiles: normalizeSecondaryFiles(secondaryFiles) }),
  } as CwlParameter;
}

// A CommandLineBinding as written (only objects are bindings).
export function normalizeBinding(raw: unknown): CwlBinding {
  return isRecord(raw) ? (raw as CwlBinding) : {};
}

// secondaryFiles: a pattern string (`?` suffix: optional), an object, or a list of either.
export function normalizeSecondaryFiles(raw: unknown): CwlParameter['secondaryFiles'] {
  const items = Array.isArray(raw) ? raw : [raw];
  return items.map((item) => {
    if (isRecord(item)) {
      const pattern = String(item.pattern);
      return item.required === undefined ? { pattern } : { pattern, required: item.required as boolean | string };
    }
    const text = String(item);
    if (text.endsWith('?')) return { pattern: text.slice(0, -1), required: false };
    return { pattern: text };
  });
}

// Collects SchemaDefRequirement types (from requirements already in list form) into a lookup by short name.
export function collectSchemaDefs(requirements: readonly Record<string, unknown>[], inherited: SchemaDefs): SchemaDefs {
  const defs = new Map(inherited);
  for (const requirement of requirements) {
    if (requirement.class !== 'SchemaDefRequirement' || !Array.isArray(requirement.types)) continue;
    for (const type of requirement.types as unknown[]) {
      const list = Array.isArray(type) ? type : [type];
      for (const item of list)
        if (isRecord(item) && typeof item.name === 'string') defs.set(shortName(item.name), item);
    }
  }
  return defs;
}
