import { describe, expect, it } from 'vitest';
import {
  parseParameterReference,
  ReferenceLookupError,
  resolveParameterReference,
} from '../../../../parsers/cwl/expressions/parameter-reference.js';

const context = {
  inputs: {
    bar: { baz: 'zab1', 'b az': 2, "b'az": true, 'b"az': null, buz: ['a', 'b', 'c'] },
    length: 1,
    rec: { length: 2 },
    s: 'hey',
  },
  self: [{ contents: '42' }],
  runtime: { outdir: '/out', cores: 2 },
};

// Parses and resolves a `(...)` reference against the shared context.
function resolve(fragment: string): unknown {
  const reference = parseParameterReference(fragment);
  if (reference === undefined) throw new Error(`not a reference: ${fragment}`);
  return resolveParameterReference(reference, context);
}

describe('parseParameterReference', () => {
  it('splits a reference into its symbol and segments', () => {
    expect(parseParameterReference(`(inputs.bar['b\\'az']["x"][3])`)).toEqual({
      symbol: 'inputs',
      segments: [
        { kind: 'field', name: 'bar' },
        { kind: 'field', name: "b'az" },
        { kind: 'field', name: 'x' },
        { kind: 'index', index: 3 },
      ],
    });
  });

  it.each(['(inputs.x + 1)', '(inputs.x())', '(inputs[x])', '(inputs.)', '(inputs[-1])', '({a: 1})', '()'])(
    'does not take %j for a parameter reference',
    (fragment) => {
      expect(parseParameterReference(fragment)).toBeUndefined();
    },
  );
});

describe('resolveParameterReference', () => {
  // The cases of the conformance test params.cwl (tests/params_inc.yml).
  it.each([
    ['(inputs.bar.baz)', 'zab1'],
    ["(inputs['bar'].baz)", 'zab1'],
    [`(inputs['bar']["baz"])`, 'zab1'],
    ["(inputs.bar['b az'])", 2],
    ["(inputs.bar['b\\'az'])", true],
    [`(inputs.bar["b'az"])`, true],
    [`(inputs.bar['b"az'])`, null],
    ['(inputs.bar.buz[1])', 'b'],
    ['(inputs.bar.buz.length)', 3],
    ['(null)', null],
    ['(runtime.outdir)', '/out'],
    ['(self[0].contents)', '42'],
    ['(inputs.s[1])', 'e'],
  ])('resolves %s to %j', (fragment, expected) => {
    expect(resolve(fragment)).toEqual(expected);
  });

  it('reads a field named length of a map, and length of a list only at the end', () => {
    expect(resolve('(inputs.length)')).toBe(1);
    expect(resolve('(inputs.rec.length)')).toBe(2);
    expect(() => resolve('(inputs.bar.buz.length.x)')).toThrow(
      'inputs.bar.buz is a list, not a map, so it has no field "length"',
    );
  });

  it.each([
    ['(null.something)', '`null` cannot be followed by fields or indexes'],
    ['(inputs.length.length)', 'inputs.length is `1`, not a map, so it has no field "length"'],
    ['(inputs.nope)', 'inputs has no field "nope"'],
    ["(inputs.bar['no such'])", 'inputs.bar has no field "no such"'],
    ['(inputs.bar.buz[3])', 'inputs.bar.buz has 3 items, so index 3 is out of range'],
    ['(inputs.bar[0])', 'inputs.bar is a map, not a list, so it has no index 0'],
    ['(outputs.x)', '`outputs` is not defined; references start with inputs, self or runtime'],
  ])('rejects %s: %s', (fragment, message) => {
    expect(() => resolve(fragment)).toThrow(ReferenceLookupError);
    expect(() => resolve(fragment)).toThrow(message);
  });
});
