// Whether a value fits a CWL type, as the spec's input validation wants it.
// https://www.commonwl.org/v1.2/CommandLineTool.html#CWLType
import type { CwlType } from '../model.js';

// True when `value` is a valid value of `type` (a missing value counts as null).
export function matchesType(type: CwlType, value: unknown): boolean {
  if (Array.isArray(type)) return (type as readonly CwlType[]).some((t) => matchesType(t, value));
  const absent = value === null || value === undefined;
  if (typeof type === 'string') {
    switch (type) {
      case 'null':
        return absent;
      case 'Any':
        return !absent;
      case 'boolean':
        return typeof value === 'boolean';
      case 'int':
      case 'long':
        return typeof value === 'number' && Number.isInteger(value);
      case 'float':
      case 'double':
        return typeof value === 'number';
      case 'string':
        return typeof value === 'string';
      case 'File':
      case 'Directory':
        return isObject(value) && value.class === type;
      default:
        return false;
    }
  }
  const complex = type as {
    type: string;
    items?: CwlType;
    symbols?: readonly string[];
    fields?: readonly { id: string; type: CwlType }[];
  };
  if (complex.type === 'array')
    return Array.isArray(value) && value.every((item) => matchesType(complex.items as CwlType, item));
  if (complex.type === 'enum')
    return (
      typeof value === 'string' &&
      (complex.symbols ?? []).some((s) => s === value || value.endsWith(`/${s}`) || value.endsWith(`#${s}`))
    );
  if (complex.type === 'record')
    return isObject(value) && (complex.fields ?? []).every((field) => matchesType(field.type, value[field.id]));
  return false;
}

// True for a plain object.
function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
