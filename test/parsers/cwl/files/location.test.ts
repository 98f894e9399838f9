import { describe, expect, it } from 'vitest';
import { basenameOf, locationFromPath, pathFromLocation, splitBasename } from '../../../../parsers/cwl/files/index.js';

describe('File locations', () => {
  it.each([
    ['file:///data/a%20b.txt', '/data/a b.txt'],
    ['/data/a.txt', '/data/a.txt'],
    ['a.txt', '/jobs/a.txt'],
    ['../in/a.txt', '/in/a.txt'],
  ])('reads location %s relative to /jobs as path %s', (location, path) => {
    expect(pathFromLocation(location, '/jobs')).toBe(path);
  });

  it('refuses remote locations it cannot read, naming them', () => {
    expect(() => pathFromLocation('http://example.com/a.txt', '/jobs')).toThrow(/http:\/\/example.com\/a.txt/);
  });

  it('writes paths as percent-encoded file:// URIs', () => {
    expect(locationFromPath('/data/a b#1.txt')).toBe('file:///data/a%20b%231.txt');
  });

  it('takes the basename from a URI decoded', () => {
    expect(basenameOf('file:///data/a%20b.txt')).toBe('a b.txt');
  });

  it.each([
    ['reads.fastq.gz', 'reads.fastq', '.gz'],
    ['README', 'README', ''],
    ['.bashrc', '.bashrc', ''],
    ['..a.b', '..a', '.b'],
    ['trailing.', 'trailing', '.'],
  ])('splits %s into nameroot %s and nameext %s', (basename, nameroot, nameext) => {
    expect(splitBasename(basename)).toEqual({ nameroot, nameext });
  });
});
