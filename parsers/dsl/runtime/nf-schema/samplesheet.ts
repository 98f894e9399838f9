// nf-schema's samplesheetToList: a CSV, TSV, JSON or YAML samplesheet validated against its schema, each entry turned
// into a list of values in the schema's property order with the `meta` fields gathered into a map first.
import { existsSync, readFileSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { splitCsvLine } from '../operators/split.js';
import { pathValue } from '../values/values.js';
import { fieldErrors } from './messages.js';
import { readSchema, validateData } from './validator.js';

type Json = Record<string, unknown>;

// A samplesheet nf-schema rejects: the message is nf-schema's.
export class SamplesheetInvalid extends Error {}

// Reads, validates and converts a samplesheet; relative paths are read from `baseDir`.
export function samplesheetToList(sheetFile: string, schemaFile: string, baseDir: string): unknown[] {
  if (!existsSync(schemaFile)) throw new SamplesheetInvalid(`JSON schema file ${schemaFile} does not exist`);
  const schema = readSchema(schemaFile);
  const items = schema.items as Json | undefined;
  if ('properties' in schema || items === undefined)
    throw new SamplesheetInvalid(
      `The schema for '${sheetFile}' (${schemaFile}) is not valid. Please make sure that 'items' is the top level keyword and not 'properties'`,
    );
  const sheet = isAbsolute(sheetFile) ? sheetFile : resolve(baseDir, sheetFile);
  if (!existsSync(sheet)) throw new SamplesheetInvalid(`Samplesheet file ${sheetFile} does not exist`);
  const rows = readRows(sheet, items);
  const failures = validateData(schema, rows, baseDir);
  if (failures.length > 0)
    throw new SamplesheetInvalid(
      `The following errors have been detected in ${sheetFile}:\n\n${fieldErrors(failures).join('\n').trim()}\n`,
    );
  return rows.map((row) => entryOf(row, items, baseDir));
}

// The rows of a samplesheet as JSON objects, CSV/TSV cells typed by the schema; empty cells left out.
function readRows(file: string, items: Json): unknown[] {
  const text = readFileSync(file, 'utf8');
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return JSON.parse(text) as unknown[];
  if (ext === '.yaml' || ext === '.yml') return parseYaml(text) as unknown[];
  const sep = ext === '.tsv' ? '\t' : ext === '.csv' ? ',' : text.split('\n')[0]?.includes('\t') ? '\t' : ',';
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '', sep, '"').map((h) => h.trim());
  const properties = (items.properties ?? {}) as Record<string, Json>;
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line, sep, '"');
    const row: Json = {};
    header.forEach((name, i) => {
      const cell = cells[i]?.trim();
      if (cell !== undefined && cell !== '') row[name] = typed(cell, properties[name]);
    });
    return row;
  });
}

// A cell converted to the schema's type (integer, number, boolean), else kept as text.
function typed(cell: string, schema: Json | undefined): unknown {
  const types = [schema?.type ?? (schema?.anyOf as Json[] | undefined)?.map((s) => s.type)].flat();
  if ((types.includes('integer') || types.includes('number')) && /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(cell))
    return Number(cell);
  if (types.includes('boolean') && /^(true|false)$/i.test(cell)) return cell.toLowerCase() === 'true';
  return cell;
}

// One entry: [meta, value, …] when the schema names meta fields, else the values.
function entryOf(row: unknown, items: Json, baseDir: string): unknown {
  const meta = new Map<unknown, unknown>();
  const values: unknown[] = [];
  const input = (row ?? {}) as Json;
  for (const [name, schema] of Object.entries((items.properties ?? {}) as Record<string, Json>)) {
    const value = input[name] === undefined ? (schema.default ?? null) : input[name];
    const metaIds = [schema.meta ?? []].flat() as string[];
    if (metaIds.length > 0) for (const id of metaIds) meta.set(id, converted(value, schema, baseDir));
    else values.push(value === null ? [] : converted(value, schema, baseDir));
  }
  if (meta.size === 0) return values.length === 1 ? values[0] : values;
  return [meta, ...values];
}

const PATH_FORMATS: ReadonlySet<string> = new Set(['file-path', 'path', 'directory-path', 'file-path-pattern']);

// A value as nf-schema hands it on: path formats become paths (resolved from `baseDir`), lists and maps recursively.
function converted(value: unknown, schema: Json, baseDir: string): unknown {
  if (Array.isArray(value)) return value.map((v) => converted(v, (schema.items ?? {}) as Json, baseDir));
  if (value !== null && typeof value === 'object') return new Map(Object.entries(value));
  if (typeof value !== 'string') return value;
  const options = [schema, ...(['anyOf', 'oneOf', 'allOf'] as const).flatMap((k) => (schema[k] ?? []) as Json[])];
  const strings = options.filter((s) => s.type === 'string');
  const asPath = strings.some((s) => PATH_FORMATS.has(String(s.format ?? schema.format ?? '')));
  const asText = strings.some((s) => !PATH_FORMATS.has(String(s.format ?? schema.format ?? '')));
  const looksLikePath = value.includes('/') || value.slice(-7).includes('.');
  if (asPath && (!asText || looksLikePath)) return pathValue(isAbsolute(value) ? value : resolve(baseDir, value));
  return value;
}
