// No function in engine/ or backends/ spans more than ~120 lines: the factories that carry the hard logic are split
// at their seams into files that say what they are for. Measured with the TypeScript compiler's parser
// (scripts/long-functions.ts), from a function's first line to its last, closures included.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { longFunctions, longFunctionsIn } from '../../scripts/long-functions.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIMIT = 120;

describe('function sizes', () => {
  it(`has no function over ${LIMIT} lines in engine/ or backends/`, () => {
    const found = longFunctions(ROOT, ['engine', 'backends'], LIMIT).map(
      (fn) => `${fn.file}:${fn.line} ${fn.name} ${fn.lines} lines`,
    );
    expect(found).toEqual([]);
  });

  it('measures declarations, arrows, function expressions, methods and constructors, with their names', () => {
    const body = (n: number): string => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const text = [
      `export function declared(): void {\n${body(4)}\n}`,
      `const arrow = (): void => {\n${body(4)}\n};`,
      `const expression = function (): void {\n${body(4)}\n};`,
      `class Box {\n  constructor() {\n${body(4)}\n  }\n  method(): void {\n${body(4)}\n  }\n}`,
      `const object = { property: (): void => {\n${body(4)}\n} };`,
      `function short(): void {\n${body(1)}\n}`,
    ].join('\n');
    const found = longFunctionsIn('sample.ts', text, 5).map((fn) => `${fn.name}:${fn.line}:${fn.lines}`);
    expect(found).toEqual([
      'declared:1:6',
      'arrow:7:6',
      'expression:13:6',
      'constructor:20:6',
      'method:26:6',
      'property:33:6',
    ]);
  });
});
