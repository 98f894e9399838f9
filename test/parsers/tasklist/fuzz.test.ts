import { isUtf8 } from 'node:buffer';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PipeError } from '../../../engine/errors.js';
import { parse } from '../../../parsers/parse.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'tasklists');

// Every task list under fixtures/tasklists, good and bad.
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /\.(txt|ya?ml|json)$/.test(name) ? [path] : [];
  });
}

// A small seeded PRNG (mulberry32), so every run tries the same mutations.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Snippets that matter to YAML, JSON and the task-list fields, and bytes that are not UTF-8.
const SNIPPETS = [
  ...['{', '}', '[', ']', ':', ': ', '- ', ',', '"', "'", '#', '\n', '\t', '  ', '&a ', '*a', '<<: ', '!!', '? '],
  ...['%YAML 1.1\n', '---\n', 'tasks:', 'after:', 'id:', 'command:', 'env:', 'cpus:', 'memory:', 'inputs:', 'x'],
  ...['{}', '{{', '\\', '$(', '`', '\r\n', '\0'],
].map((text) => Buffer.from(text));
const BAD_BYTES = [0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf5, 0xfe, 0xff];

// One random edit of the bytes: delete, insert a snippet or a byte, swap two, or repeat a line.
function mutate(bytes: Buffer, random: () => number): Buffer {
  const at = Math.floor(random() * (bytes.length + 1));
  const pick = <X>(items: readonly X[]): X => items[Math.floor(random() * items.length)] as X;
  switch (Math.floor(random() * 5)) {
    case 0:
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + Math.floor(random() * 8))]);
    case 1:
      return Buffer.concat([bytes.subarray(0, at), pick(SNIPPETS), bytes.subarray(at)]);
    case 2:
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([pick(BAD_BYTES)]), bytes.subarray(at)]);
    case 3: {
      const other = Math.floor(random() * bytes.length);
      const copy = Buffer.from(bytes);
      [copy[at], copy[other]] = [bytes[other] ?? 0x20, bytes[at] ?? 0x20];
      return copy;
    }
    default: {
      const lines = bytes.toString('latin1').split('\n');
      const line = Math.floor(random() * lines.length);
      lines.splice(line, 0, lines[line] ?? '');
      return Buffer.from(lines.join('\n'), 'latin1');
    }
  }
}

const ROUNDS = Number(process.env.PIPE_FUZZ_ROUNDS ?? 2000);
const scratch = mkdtempSync(join(tmpdir(), 'pipe-tasklist-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('task-list robustness', () => {
  it(`turns ${ROUNDS} random mutations of the fixtures into a workflow or a located PipeError, never a crash`, async () => {
    const files = fixtureFiles(FIXTURES).map((file) => ({ file, bytes: readFileSync(file) }));
    const random = prng(20261207);
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const source = files[round % files.length] as { file: string; bytes: Buffer };
      let bytes = source.bytes;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) bytes = mutate(bytes, random);
      const file = join(scratch, `r${round % 16}-${source.file.slice(source.file.lastIndexOf('/') + 1)}`);
      writeFileSync(file, bytes);
      try {
        const workflow = await parse(file);
        expect(workflow.graph.order).toBeGreaterThan(0);
        // Accepted text is what was written: bytes that are not UTF-8 are refused, never replaced by U+FFFD.
        expect(isUtf8(bytes), `round ${round}: ${source.file} with bytes that are not UTF-8 was accepted`).toBe(true);
      } catch (error) {
        if (!(error instanceof PipeError))
          throw new Error(`round ${round} of ${source.file} crashed: ${String(error)}\n---\n${bytes.toString()}`);
        expect(error.location?.file, `round ${round}: ${error.message}`).toBe(file);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(ROUNDS / 4);
  });
});
