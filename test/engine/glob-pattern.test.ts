// One glob syntax for local and remote patterns: the DSL's file globs and remote globs (sftp://host/data/*.fq) read
// the same translation, so a pattern matches the same names wherever the files are.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globToRegExp, isGlob } from '../../engine/glob-pattern.js';
import { expandRemoteGlob } from '../../engine/staging/remote-glob.js';
import type { RemoteEntry, Stager } from '../../engine/staging/stager.js';
import { globFiles } from '../../parsers/dsl/runtime/stdlib/glob.js';

const NAMES = ['a.fq', 'b.fq', 'ab.fastq', 'c.txt', '.hidden.fq', 'x[1].fq', 'r_1.fq', 'r_2.fq', 'r_3.fq'];

// A remote side holding `files` (relative paths) under /data, as a stager lists it.
function fakeStager(files: readonly string[]): Stager {
  const list = async (uri: URL): Promise<RemoteEntry[]> => {
    const dir = decodeURIComponent(uri.pathname).replace(/^\/data\/?/, '');
    const children = new Map<string, RemoteEntry['type']>();
    for (const file of files) {
      if (dir !== '' && !file.startsWith(`${dir}/`)) continue;
      const [name, ...rest] = (dir === '' ? file : file.slice(dir.length + 1)).split('/');
      children.set(name as string, rest.length > 0 ? 'directory' : 'file');
    }
    return [...children].map(([name, type]) => ({ name, type, size: 1, mtimeMs: 0 }));
  };
  const unused = (): never => {
    throw new Error('not used');
  };
  return { schemes: ['sftp'], list, stat: unused, fetch: unused, put: unused, close: async () => undefined };
}

describe('glob patterns', () => {
  it.each([
    ['*.fq', ['a.fq', 'b.fq', 'r_1.fq', 'r_2.fq', 'r_3.fq', 'x[1].fq']],
    ['?.fq', ['a.fq', 'b.fq']],
    ['{a,c}.*', ['a.fq', 'c.txt']],
    ['r_[12].fq', ['r_1.fq', 'r_2.fq']],
    ['r_[!12].fq', ['r_3.fq']],
    ['*.{fq,fastq}', ['a.fq', 'ab.fastq', 'b.fq', 'r_1.fq', 'r_2.fq', 'r_3.fq', 'x[1].fq']],
  ])('matches %s to the same names locally and remotely', async (pattern, expected) => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-glob-'));
    for (const name of NAMES) writeFileSync(join(dir, name), '');
    const local = globFiles(pattern, dir).map((path) => path.slice(dir.length + 1));
    const remote = (
      await expandRemoteGlob(
        fakeStager(NAMES),
        new URL(`sftp://host/data/${pattern.replaceAll('?', '%3F')}`),
        new AbortController().signal,
      )
    ).map((url) => decodeURIComponent(url.pathname).slice('/data/'.length));
    expect(local).toEqual([...expected].sort());
    expect(remote).toEqual([...expected].sort());
  });

  it('matches directories component by component remotely, and across them with ** locally', async () => {
    const files = ['s1/r.fq', 's2/r.fq', 's2/deep/r.fq', 'other/r.txt'];
    const remote = await expandRemoteGlob(
      fakeStager(files),
      new URL('sftp://host/data/s*/*.fq'),
      new AbortController().signal,
    );
    expect(remote.map((url) => url.pathname)).toEqual(['/data/s1/r.fq', '/data/s2/r.fq']);
    const dir = mkdtempSync(join(tmpdir(), 'pipe-glob-'));
    for (const file of files) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), '');
    }
    expect(globFiles('**/*.fq', dir).map((path) => path.slice(dir.length + 1))).toEqual([
      's1/r.fq',
      's2/deep/r.fq',
      's2/r.fq',
    ]);
  });

  it('reads a lone [ and escaped characters as themselves, and says which text holds glob characters', () => {
    expect(globToRegExp('a[b').test('a[b')).toBe(true);
    expect(globToRegExp('file\\[1\\].txt').test('file[1].txt')).toBe(true);
    expect(isGlob('file\\[1\\].txt')).toBe(false);
    expect(isGlob('data/*.fq')).toBe(true);
    expect(isGlob('data/a.fq')).toBe(false);
  });
});
