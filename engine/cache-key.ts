// Cache keys: sha256 over canonical JSON of what changes a task's results (DESIGN.md, "Cache keys and resume").
import { hash } from 'node:crypto';
import type { StepKeyParts } from './graph.js';
import type { TaskSpec } from './task.js';

// Serialises a value as JSON with object keys sorted, so equal values always give equal text.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

// Hex sha256 of a string. The one-shot crypto.hash (Node 20.12) is twice as fast as a Hash object for short text:
// half a second of a million-task resume.
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

// The digest of a step's key parts, computed once per step.
export function stepDigest(parts: StepKeyParts): string {
  return sha256(canonicalJson(parts));
}

// The key's text up to the command for the step digest last keyed: a list's tasks share one step, so it is written
// once, not a million times.
let lastDigest: string | undefined;
let lastHead = '';

type KeyedSpec = Pick<TaskSpec, 'command' | 'inputsDigest' | 'occurrence' | 'env' | 'container'>;

// The cache key of one task: the step digest plus what is particular to the task.
export function taskKey(stepDigestHex: string, spec: KeyedSpec): string {
  return sha256(keyText(stepDigestHex, spec));
}

// The text a task's cache key is the digest of: the step digest's head, then keyTail().
export function keyText(stepDigestHex: string, spec: KeyedSpec): string {
  if (stepDigestHex !== lastDigest) {
    lastDigest = stepDigestHex;
    lastHead = `[${JSON.stringify(stepDigestHex)},`;
  }
  return `${lastHead}${keyTail(spec)}`;
}

// The last task keyTail() was asked for, and its answer: a reused task's block asks again right after its key.
let lastSpec: KeyedSpec | undefined;
let lastTail = '';

// What of a key's text is particular to the task (specs are never changed once made).
export function keyTail(spec: KeyedSpec): string {
  if (spec !== lastSpec) {
    lastSpec = spec;
    lastTail = tailOf(spec);
  }
  return lastTail;
}

function tailOf(spec: KeyedSpec): string {
  // canonicalJson of the array, written out: every item but env is a string, number or null. A container is a
  // sixth item only when there is one, so keys of tasks without one stay as they were.
  const env = spec.env === undefined ? 'null' : canonicalJson(spec.env);
  const inputs = spec.inputsDigest === undefined ? 'null' : JSON.stringify(spec.inputsDigest);
  const container = spec.container === undefined ? '' : `,${JSON.stringify(spec.container)}`;
  return `${JSON.stringify(spec.command)},${env},${inputs},${spec.occurrence ?? 0}${container}]`;
}
