import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import { splitInlineTags } from '../../../parsers/tasklist/inline-tags.js';

const where = { file: 'list.txt', line: 3 };

describe('splitInlineTags', () => {
  it.each([
    ['echo hi  # pipe: sample=A1 lane=2', 'echo hi', { sample: 'A1', lane: '2' }],
    ['echo hi # pipe: sample:A1, lane:2', 'echo hi', { sample: 'A1', lane: '2' }],
    ['echo hi #pipe: batch', 'echo hi', { batch: '' }],
    ['echo "a=b"  # pipe: k=v=w', 'echo "a=b"', { k: 'v=w' }],
  ] as const)('reads %j as the command %j with tags %j', (line, command, tags) => {
    expect(splitInlineTags(line, where)).toEqual({ command, tags });
  });

  it.each(['echo hi', 'echo hi # a plain comment', 'echo a#pipe:b'])('leaves %j alone', (line) => {
    expect(splitInlineTags(line, where)).toEqual({ command: line });
  });

  it('names the line of a tag without a name', () => {
    expect(() => splitInlineTags('true # pipe: =x', where)).toThrow(ParseError);
    expect(() => splitInlineTags('true # pipe: =x', where)).toThrow(/inline tag "=x" has no name/);
  });
});
