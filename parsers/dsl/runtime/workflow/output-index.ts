// The index files of workflow outputs (CSV, JSON or YAML: one row per published value, its files at their published
// paths) and the summary of the outputs Nextflow prints when a run ends (text, or JSON with -output-format json).
import { extname, isAbsolute, relative } from 'node:path';
import { stringify as yamlText } from 'yaml';
import { isPath, pathValue, show } from '../values/values.js';

// One published output: its values as they came, where each file went, and its index settings.
export interface PublishedTarget {
  readonly name: string;
  readonly values: unknown[];
  readonly published: Map<string, string>;
  readonly index?: { readonly path: string; readonly header: boolean; readonly sep: string } | undefined;
}

// A value with its files replaced by their published paths.
function publishedValue(value: unknown, published: ReadonlyMap<string, string>): unknown {
  if (isPath(value)) return pathValue(published.get(value.path) ?? value.path);
  if (Array.isArray(value)) return value.map((v) => publishedValue(v, published));
  if (value instanceof Map)
    return new Map([...value].map(([k, v]) => [k, publishedValue(v, published)] as [unknown, unknown]));
  return value;
}

// A value as JSON/YAML data: maps as objects, paths as text.
function plain(value: unknown): unknown {
  if (isPath(value)) return value.path;
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [show(k), plain(v)]));
  return value ?? null;
}

// The text of a target's index file, by its extension.
export function indexText(target: PublishedTarget): string {
  const rows = target.values.map((v) => publishedValue(v, target.published));
  const path = target.index?.path ?? 'index.csv';
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return `${JSON.stringify(rows.map(plain), null, 2)}\n`;
  if (ext === '.yaml' || ext === '.yml') return yamlText(rows.map(plain));
  const sep = target.index?.sep ?? ',';
  const cell = (v: unknown): string => `"${show(isPath(v) ? v.path : v).replace(/"/g, '""')}"`;
  const cells = (row: unknown): unknown[] =>
    row instanceof Map ? [...row.values()] : Array.isArray(row) ? row : [row];
  const lines = rows.map((row) => cells(row).map(cell).join(sep));
  const first = rows[0];
  if (target.index?.header === true && first instanceof Map) lines.unshift([...first.keys()].map(cell).join(sep));
  return lines.map((line) => `${line}\n`).join('');
}

// What Nextflow prints when the run ends: each output's index file, or its value with paths relative to the output dir.
export function summaryText(targets: readonly PublishedTarget[], outputDir: string, format: string): string {
  const shown = (target: PublishedTarget): unknown => {
    if (target.index !== undefined) return pathValue(`${outputDir}/${target.index.path}`.replace(/\/\.\//g, '/'));
    const values = target.values.map((v) => publishedValue(v, target.published));
    return values.length === 1 ? values[0] : values;
  };
  if (format === 'json') {
    const data = Object.fromEntries(targets.map((t) => [t.name, plain(shown(t))]));
    return `${JSON.stringify(data, null, 4)}\n`;
  }
  const blocks = targets.map((t) => render(t.name, shown(t), '  ', outputDir).join('\n'));
  return `\nOutputs:\n\n  ${outputDir}\n\n${blocks.join('\n\n')}\n`;
}

// The lines of one named value, indented.
function render(name: string, value: unknown, pad: string, outputDir: string): string[] {
  if (value instanceof Map)
    return [`${pad}${name}:`, ...[...value].flatMap(([k, v]) => render(show(k), v, `${pad}  `, outputDir))];
  if (Array.isArray(value))
    return [`${pad}${name}:`, ...value.flatMap((v) => render('-', v, `${pad}  `, outputDir).map(dash))];
  const text = isPath(value) ? shortPath(value.path, outputDir) : show(value);
  return [`${pad}${name}: ${text}`];
}

const dash = (line: string): string => line.replace(/^(\s*)- ?:/, '$1-');

// A published path relative to the output dir when it lies inside it.
function shortPath(path: string, outputDir: string): string {
  const rel = relative(outputDir, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
