import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globFiles } from '../../../../parsers/cwl/tool/index.js';
import { scratchFiles } from '../../../helpers/scratch-files.js';

const { dir } = scratchFiles('cwl-glob');
mkdirSync(join(dir, 'sub'));
for (const name of ['b.txt', 'a.txt', '.hidden.txt', 'c.fa', 'sub/d.txt', '[x].txt'])
  writeFileSync(join(dir, name), '');

describe('output globs', () => {
  it.each([
    ['*.txt', ['[x].txt', 'a.txt', 'b.txt']],
    ['.*.txt', ['.hidden.txt']],
    ['?.fa', ['c.fa']],
    ['[ab].txt', ['a.txt', 'b.txt']],
    ['[!a].txt', ['b.txt']],
    ['*/*.txt', ['sub/d.txt']],
    ['sub', ['sub']],
    ['.', ['']],
    ['missing.txt', []],
  ])('matches %s as Python glob does, sorted', async (pattern, names) => {
    const found = await globFiles(pattern, dir);
    expect(found.map((path) => path.slice(dir.length + 1))).toEqual(names);
  });
});
