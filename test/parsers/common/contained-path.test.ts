import { describe, expect, it } from 'vitest';
import { isInside, isStrictlyInside, leavesFolder } from '../../../parsers/common/contained-path.js';

describe('contained paths', () => {
  it.each([
    ['/a/b', '/a/b/c', true, true],
    ['/a/b', 'c/d', true, true],
    ['/a/b', '/a/b', true, false],
    ['/a/b', '.', true, false],
    ['/a/b', '/a/bc', false, false],
    ['/a/b', '/a', false, false],
    ['/a/b', '../b/c', true, true],
    ['/a/b', '../../etc', false, false],
    ['/a/b', 'c/../../d', false, false],
    ['/a/b', '..x/y', true, true],
  ])('in %s, %s is inside: %s, strictly: %s', (dir, path, inside, strictly) => {
    expect(isInside(dir, path)).toBe(inside);
    expect(isStrictlyInside(dir, path)).toBe(strictly);
  });

  it.each([
    ['a.txt', false],
    ['sub/a.txt', false],
    ['..x', false],
    ['../x', true],
    ['a/../../x', true],
    ['a/..', true],
    ['/etc/passwd', true],
  ])('says whether %s may leave its folder: %s', (name, leaves) => {
    expect(leavesFolder(name)).toBe(leaves);
  });
});
