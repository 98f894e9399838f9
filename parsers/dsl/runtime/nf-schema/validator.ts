// JSON Schema validation as nf-schema (draft 2020-12) and the older nf-validation (draft-07) do it, on ajv: nf-schema's path formats and `exists`, and
// its error texts (`Value is [string] but should be [integer]`, `"x" does not match regular expression …`).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Ajv as AjvDraft7, type ErrorObject } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS whose module is the plugin function itself, also exported as `default`.
type FormatsPlugin = (ajv: AjvDraft7) => unknown;
const formatsModule = ajvFormats as unknown as { default: FormatsPlugin | { default: FormatsPlugin } };
const addFormats: FormatsPlugin =
  typeof formatsModule.default === 'function' ? formatsModule.default : formatsModule.default.default;

// One validation failure: where in the data (`/input`, `/0/sample`), the text, and the schema's errorMessage.
export interface SchemaFailure {
  readonly location: readonly string[];
  readonly value: unknown;
  readonly message: string;
  readonly keyword: string;
  readonly customMessage?: string | undefined;
}

const GLOB = /[*?[\]{}]/;

// Reads and parses a JSON schema file.
export function readSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

// Validates `data` against `schema`; relative paths in the data are read from `baseDir`.
export function validateData(schema: Record<string, unknown>, data: unknown, baseDir: string): SchemaFailure[] {
  const at = (value: string): string => (isAbsolute(value) ? value : resolve(baseDir, value));
  const kind = (value: string): 'file' | 'dir' | undefined => {
    const stat = statSync(at(value), { throwIfNoEntry: false });
    return stat === undefined ? undefined : stat.isDirectory() ? 'dir' : 'file';
  };
  const ajv = validatorFor(schema);
  addFormats(ajv);
  ajv.addFormat('file-path', (v: string) => !GLOB.test(v) && kind(v) !== 'dir');
  ajv.addFormat('directory-path', (v: string) => !GLOB.test(v) && kind(v) !== 'file');
  ajv.addFormat('path', (v: string) => !GLOB.test(v));
  ajv.addFormat('file-path-pattern', () => true);
  ajv.addKeyword({
    keyword: 'exists',
    type: 'string',
    schemaType: 'boolean',
    validate: (expected: boolean, value: string) => expected === existsSync(at(value)),
  });
  const validate = ajv.compile(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).flatMap((error) => failureOf(error, schema, data, kind));
}

// An ajv validator for the draft the schema names in `$schema`: draft-07 (nf-validation's), 2019-09, else 2020-12
// (nf-schema's).
function validatorFor(schema: Record<string, unknown>): AjvDraft7 {
  const options = { allErrors: true, strict: false, allowUnionTypes: true, validateFormats: true };
  const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (draft.includes('draft-07')) return new AjvDraft7(options);
  if (draft.includes('2019-09')) return new Ajv2019(options);
  return new Ajv2020(options);
}

// An ajv error as nf-schema words it.
function failureOf(
  error: ErrorObject,
  schema: Record<string, unknown>,
  data: unknown,
  kind: (value: string) => 'file' | 'dir' | undefined,
): SchemaFailure[] {
  const location = error.instancePath.split('/').slice(1).map(unescapePointer);
  const value = pick(data, location);
  const schemaPath = error.schemaPath.replace(/^#/, '').split('/').slice(1).map(unescapePointer);
  const custom = pick(schema, [...schemaPath.slice(0, -1), 'errorMessage']);
  const customMessage = typeof custom === 'string' ? custom : undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const params = error.params as Record<string, unknown>;
  let message: string;
  switch (error.keyword) {
    case 'type':
      message = `Value is [${jsonType(value)}] but should be [${[params.type].flat().join(', ')}]`;
      break;
    case 'pattern':
      message = `"${text}" does not match regular expression ${String(params.pattern)}`;
      break;
    case 'required':
      message = String(params.missingProperty);
      break;
    case 'exists':
      message = `the file or directory '${text}' ${pick(schema, schemaPath) === false ? 'should not exist' : 'does not exist'}`;
      break;
    case 'enum':
      message = `Value ["${text}"] is not in enum [${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}]`;
      break;
    case 'format':
      message = formatMessage(String(params.format), text, kind);
      break;
    default:
      message = `${text} ${error.message ?? 'is not valid'}`;
  }
  return [{ location, value, message, keyword: error.keyword, customMessage }];
}

// The texts of nf-schema's path formats; ajv's words for the standard ones.
function formatMessage(format: string, value: string, kind: (value: string) => 'file' | 'dir' | undefined): string {
  const what = format === 'directory-path' ? 'directory' : format === 'path' ? 'path' : 'file';
  if (GLOB.test(value)) return `'${value}' is not a ${what}, but a file path pattern`;
  if (format === 'file-path') return `'${value}' is not a file, but a directory`;
  if (format === 'directory-path' && kind(value) === 'file') return `'${value}' is not a directory, but a file`;
  return `"${value}" is not a valid ${format}`;
}

// The JSON type name of a value, as nf-schema's messages give it.
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function unescapePointer(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

// The value at a JSON pointer's parts.
function pick(data: unknown, path: readonly string[]): unknown {
  let at: unknown = data;
  for (const part of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}
