// One task of a YAML or JSON task list: its fields checked and converted, each problem pointing at its source.
import { dirname } from 'node:path';
import type { InputRef, OutputRef } from '../../engine/staging/task-files.js';
import type { Resources } from '../../engine/task.js';
import { describeValue, isPlainMap } from '../common/describe-value.js';
import { closestMatch } from '../common/edit-distance.js';
import type { NodePath, StructuredDocument } from '../common/structured-document.js';
import { readInputs, readOutputs } from './yaml-files.js';
import { DURATION_EXAMPLES, MEMORY_EXAMPLES, parseDuration, parseMemory } from '../../engine/units.js';

export const TASK_FIELDS = [
  'id',
  'command',
  'after',
  'cpus',
  'memory',
  'time',
  'gpus',
  'retries',
  'tags',
  'inputs',
  'outputs',
] as const;

// Names other tools use for a field, so a user coming from them is pointed at pipe's name.
const FIELD_SYNONYMS: Readonly<Record<string, (typeof TASK_FIELDS)[number]>> = {
  name: 'id',
  cmd: 'command',
  script: 'command',
  run: 'command',
  needs: 'after',
  deps: 'after',
  depends: 'after',
  depends_on: 'after',
  dependencies: 'after',
  requires: 'after',
  cpu: 'cpus',
  gpu: 'gpus',
  accelerator: 'gpus',
  cores: 'cpus',
  threads: 'cpus',
  mem: 'memory',
  walltime: 'time',
  timeout: 'time',
  retry: 'retries',
  labels: 'tags',
  input: 'inputs',
  output: 'outputs',
};

// A reference to another task in `after`, with where it was written.
export interface AfterRef {
  readonly id: string;
  readonly path: NodePath;
}

export interface TaskEntry {
  readonly id: string;
  readonly path: NodePath; // of the task in the document
  readonly command: string;
  readonly after: readonly AfterRef[];
  readonly resources: Resources;
  readonly retries?: number | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly inputs: readonly InputRef[];
  readonly outputs: readonly OutputRef[];
}

// Checks one task's fields and converts them; throws a located ParseError on the first problem.
export function readTask(value: unknown, path: NodePath, doc: StructuredDocument): TaskEntry {
  const number = Number(path[path.length - 1]) + 1;
  if (!isPlainMap(value)) {
    throw doc.error(
      path,
      `task ${number} must be a map with \`id\` and \`command\`, got ${describeValue(value)}`,
      'write each task as `- id: align` with `command: ...` on the next line, indented',
    );
  }
  checkFields(value, path, doc);
  const id = readId(value.id, [...path, 'id'], number, doc);
  const field = (name: string): NodePath => [...path, name];
  const memoryBytes = value.memory === undefined ? undefined : readQuantity(value.memory, field('memory'), MEMORY, doc);
  const timeLimitMs = value.time === undefined ? undefined : readQuantity(value.time, field('time'), DURATION, doc);
  const resources: Resources = {
    cpus: value.cpus === undefined ? 1 : readInteger(value.cpus, field('cpus'), 1, doc),
    ...(memoryBytes === undefined ? {} : { memoryBytes }),
    ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
    ...(value.gpus === undefined ? {} : { gpus: readInteger(value.gpus, field('gpus'), 1, doc) }),
  };
  return {
    id,
    path,
    command: readCommand(value.command, field('command'), id, doc),
    after: readAfter(value.after, field('after'), doc),
    resources,
    retries: value.retries === undefined ? undefined : readInteger(value.retries, field('retries'), 0, doc),
    tags: value.tags === undefined ? undefined : readTags(value.tags, field('tags'), doc),
    inputs: readInputs(value.inputs, field('inputs'), dirname(doc.file), doc),
    outputs: readOutputs(value.outputs, field('outputs'), dirname(doc.file), doc),
  };
}

// Rejects fields pipe does not know, suggesting the one that was probably meant.
function checkFields(task: Record<string, unknown>, path: NodePath, doc: StructuredDocument): void {
  for (const key of Object.keys(task)) {
    if ((TASK_FIELDS as readonly string[]).includes(key)) continue;
    const meant = FIELD_SYNONYMS[key] ?? closestMatch(key, TASK_FIELDS);
    const allowed = `a task may have ${TASK_FIELDS.map((name) => `\`${name}\``).join(', ')}`;
    const hint = meant === undefined ? allowed : `did you mean \`${meant}\`? ${allowed}`;
    throw doc.error([...path, key], `unknown task field \`${key}\``, hint, 'key');
  }
}

// The task's id as a string: a non-empty string or a number, on one line.
function readId(value: unknown, path: NodePath, number: number, doc: StructuredDocument): string {
  if (value === undefined) {
    throw doc.error(path.slice(0, -1), `task ${number} has no \`id\``, 'give every task a unique id, e.g. `id: align`');
  }
  const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof id !== 'string' || id.trim() === '' || /[\u0000-\u001f\u007f]/.test(id)) {
    throw doc.error(
      path,
      `task id must be a non-empty string or number on one line, got ${describeValue(value)}`,
      'use a short name such as `align` or `sample-1`',
    );
  }
  return id;
}

// The task's shell command: a non-empty string (a block scalar `|` for several lines).
function readCommand(value: unknown, path: NodePath, id: string, doc: StructuredDocument): string {
  if (value === undefined || value === null) {
    throw doc.error(
      value === undefined ? path.slice(0, -1) : path,
      `task \`${id}\` has no \`command\``,
      'add the shell command to run, e.g. `command: gzip -9 data.txt`',
    );
  }
  if (typeof value === 'string' && value.trim() !== '') return value;
  const hint =
    typeof value === 'string'
      ? 'write the shell command to run'
      : Array.isArray(value)
        ? 'write one string; for several lines use a block: `command: |` followed by indented lines'
        : `quote it if it is the command itself: \`command: "${String(value)}"\``;
  throw doc.error(path, `\`command\` must be a non-empty string, got ${describeValue(value)}`, hint);
}

// The ids a task runs after: one id or a list of ids.
function readAfter(value: unknown, path: NodePath, doc: StructuredDocument): AfterRef[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item: unknown, index) => {
    const itemPath = Array.isArray(value) ? [...path, index] : path;
    const id = typeof item === 'number' && Number.isFinite(item) ? String(item) : item;
    if (typeof id !== 'string' || id === '') {
      const message = `\`after\` must list task ids, got ${describeValue(item)}`;
      throw doc.error(itemPath, message, 'write `after: [prepare, index]` or `after: prepare`');
    }
    return { id, path: itemPath };
  });
}

// An integer field no smaller than `min` (cpus: 1, retries: 0).
function readInteger(value: unknown, path: NodePath, min: number, doc: StructuredDocument): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
  const name = String(path[path.length - 1]);
  const kind = min === 1 ? 'a positive integer' : 'a non-negative integer';
  const hint = `write a whole number without quotes, e.g. \`${name}: ${min + 1}\``;
  throw doc.error(path, `\`${name}\` must be ${kind}, got ${describeValue(value)}`, hint);
}

// How to read and describe a resource quantity.
interface Quantity {
  readonly kind: string;
  readonly convert: (value: string | number) => number | undefined;
  readonly examples: string;
}

const MEMORY: Quantity = { kind: 'a memory size', convert: parseMemory, examples: MEMORY_EXAMPLES };
const DURATION: Quantity = { kind: 'a duration', convert: parseDuration, examples: DURATION_EXAMPLES };

// A memory size or a duration; zero is rejected as meaningless for a limit.
function readQuantity(value: unknown, path: NodePath, quantity: Quantity, doc: StructuredDocument): number {
  const converted = typeof value === 'string' || typeof value === 'number' ? quantity.convert(value) : undefined;
  if (converted !== undefined && converted > 0) return converted;
  const name = String(path[path.length - 1]);
  const message = `\`${name}\` must be ${quantity.kind} greater than zero, got ${describeValue(value)}`;
  throw doc.error(path, message, `write e.g. ${quantity.examples}`);
}

// Tags as strings: a map whose values are strings, numbers or booleans.
function readTags(value: unknown, path: NodePath, doc: StructuredDocument): Record<string, string> {
  if (!isPlainMap(value)) {
    const message = `\`tags\` must be a map of names to values, got ${describeValue(value)}`;
    throw doc.error(path, message, 'write e.g. `tags: {sample: S1, lane: 2}`');
  }
  const tags: Record<string, string> = {};
  for (const [key, tag] of Object.entries(value)) {
    if (typeof tag !== 'string' && typeof tag !== 'number' && typeof tag !== 'boolean') {
      const message = `tag \`${key}\` must be a string or number, got ${describeValue(tag)}`;
      throw doc.error([...path, key], message, 'tags are flat: write `name: value` pairs');
    }
    tags[key] = String(tag);
  }
  return tags;
}
