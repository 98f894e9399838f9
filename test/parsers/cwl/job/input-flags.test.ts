import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../engine/errors.js';
import { parseInputFlags } from '../../../../parsers/cwl/job/input-flags.js';
import type { CwlParameter } from '../../../../parsers/cwl/model.js';

const inputs: CwlParameter[] = [
  { id: 'message', type: 'string' },
  { id: 'count', type: ['null', 'int'] },
  { id: 'verbose', type: 'boolean' },
  { id: 'files', type: { type: 'array', items: 'File' } },
];

describe('inputs as flags after the tool', () => {
  it('reads `--name value`, `--name=value`, bare booleans and repeated array flags', () => {
    const job = parseInputFlags(
      ['--message', 'hi there', '--count=3', '--verbose', '--files', 'a.txt', '--files', 'b.txt'],
      inputs,
      '/data',
    );
    expect(job).toEqual({
      message: 'hi there',
      count: 3,
      verbose: true,
      files: [
        { class: 'File', location: 'file:///data/a.txt' },
        { class: 'File', location: 'file:///data/b.txt' },
      ],
    });
  });

  it('names an unknown flag and lists the inputs', () => {
    expect(() => parseInputFlags(['--mesage', 'x'], inputs, '/')).toThrow(/unknown input `--mesage`/);
  });

  it('refuses a number flag that is not a number', () => {
    expect(() => parseInputFlags(['--count', 'three'], inputs, '/')).toThrow(UsageError);
  });
});
