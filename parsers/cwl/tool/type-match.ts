// Whether a value fits a CWL type: picks the branch of a union a value is bound with, and checks outputs.
// https://www.commonwl.org/v1.2/CommandLineTool.html#CWLType
import { isDirectory, isFile } from '../files/index.js';
import type { CwlType } from '../model.js';

type Check = (value: unknown) => boolean;

const PRIMITIVES: Readonly<Record<string, Check>> = {
  null: (value) => value === null || value === undefined,
  boolean: (value) => typeof value === 'boolean',
  int: (value) => typeof value === 'number' && Number.isInteger(value),
  long: (value) => typeof value === 'number' && Number.isInteger(value),
  float: (value) => typeof value === 'number',
  double: (value) => typeof value === 'number',
  string: (value) => typeof value === 'string',
  File: isFile,
  Directory: isDirectory,
  Any: (value) => value !== null && value !== undefined,
  stdin: isFile,
  stdout: isFile,
  stderr: isFile,
};

// Whether `value` is a valid value of `type`.
export function matchesType(type: CwlType, value: unknown): boolean {
  if (typeof type === 'string') return PRIMITIVES[type]?.(value) ?? false;
  if (isUnion(type)) return type.some((branch) => matchesType(branch, value));
  switch (type.type) {
    case 'array':
      return Array.isArray(value) && value.every((item: unknown) => matchesType(type.items, item));
    case 'enum':
      return (
        typeof value === 'string' && type.symbols.some((symbol) => symbol === value || symbol.endsWith(`/${value}`))
      );
    case 'record': {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || isFile(value) || isDirectory(value))
        return false;
      const record = value as Record<string, unknown>;
      return type.fields.every((field) => matchesType(field.type, record[field.id]));
    }
    default: {
      const never: never = type;
      return never;
    }
  }
}

// Whether a type is a union (written as a list of types).
export function isUnion(type: CwlType): type is readonly CwlType[] {
  return Array.isArray(type);
}

// Whether a type admits null (an optional parameter).
export function isOptional(type: CwlType): boolean {
  return type === 'null' || (isUnion(type) && type.some(isOptional));
}

// The type without its `null` branch: `File?` → File, `[null, File, Directory]` → [File, Directory].
export function withoutNull(type: CwlType): CwlType {
  if (!isUnion(type)) return type;
  const rest = type.filter((branch) => branch !== 'null');
  return rest.length === 1 ? rest[0]! : rest;
}
