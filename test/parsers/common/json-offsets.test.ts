import { describe, expect, it } from 'vitest';
import { jsonElementOffsets } from '../../../parsers/common/json-offsets.js';

describe('jsonElementOffsets', () => {
  it('finds where each element of a root array starts', () => {
    const text = '[ {"a": 1}, "x,]", [1, [2]] ,3 ]';
    const offsets = jsonElementOffsets(text, []);
    expect(offsets?.map((at) => text.slice(at, at + 3))).toEqual(['{"a', '"x,', '[1,', '3 ]']);
  });

  it('follows object keys, skipping strings with escaped quotes and brackets', () => {
    const text = '{"note": "a \\"}[\\" b", "nested": {"tasks": 1}, "tasks": [\n  {"id": 1},\n  {"id": 2}\n]}';
    const offsets = jsonElementOffsets(text, ['tasks']);
    expect(offsets).toEqual([text.indexOf('{"id": 1}'), text.indexOf('{"id": 2}')]);
  });

  it('follows array indexes into nested arrays', () => {
    expect(jsonElementOffsets('[[0, 1], [2, 3]]', [1])).toEqual([10, 13]);
  });

  it('gives an empty list for an empty array and nothing for a path that is not an array', () => {
    expect(jsonElementOffsets('{"tasks": []}', ['tasks'])).toEqual([]);
    expect(jsonElementOffsets('{"tasks": {}}', ['tasks'])).toBeUndefined();
    expect(jsonElementOffsets('{"other": []}', ['tasks'])).toBeUndefined();
  });
});
