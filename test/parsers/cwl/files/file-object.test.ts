import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CwlFileError,
  completeDirectory,
  completeFile,
  materializeLiteral,
  readContents,
} from '../../../../parsers/cwl/files/index.js';
import { scratchFiles } from '../../../helpers/scratch-files.js';

const { dir, fileWith } = scratchFiles('cwl-files');

describe('completeFile', () => {
  it('fills location, path, basename, dirname, nameroot, nameext and size from a relative location', async () => {
    const path = fileWith('hello.txt', 'Hello\n');
    const file = await completeFile({ class: 'File', location: 'hello.txt' }, { baseDir: dir });
    expect(file).toEqual({
      class: 'File',
      location: `file://${path}`,
      path,
      basename: 'hello.txt',
      dirname: dir,
      nameroot: 'hello',
      nameext: '.txt',
      size: 6,
    });
  });

  it('computes the checksum as sha1$ and the hex digest when asked', async () => {
    fileWith('whale.txt', 'Call me Ishmael.\n');
    const file = await completeFile({ class: 'File', path: 'whale.txt' }, { baseDir: dir, checksum: true });
    expect(file.checksum).toBe('sha1$550abc4daa7a6286a93d151815e5e308aca00e35');
  });

  it('gives the same checksum for a file read at once (up to 64 KiB) and one streamed (larger)', async () => {
    const line = 'Call me Ishmael.\n';
    const small = await completeFile(
      { class: 'File', path: fileWith('small.txt', line.repeat(3855)) },
      { baseDir: dir, checksum: true },
    );
    const large = await completeFile(
      { class: 'File', path: fileWith('large.txt', line.repeat(3856)) },
      { baseDir: dir, checksum: true },
    );
    expect([small.size, large.size]).toEqual([65_535, 65_552]);
    expect(small.checksum).toBe(`sha1$${createHash('sha1').update(line.repeat(3855)).digest('hex')}`);
    expect(large.checksum).toBe(`sha1$${createHash('sha1').update(line.repeat(3856)).digest('hex')}`);
  });

  it('loads contents when asked', async () => {
    fileWith('small.txt', 'abc');
    const file = await completeFile({ class: 'File', location: 'small.txt' }, { baseDir: dir, loadContents: true });
    expect(file.contents).toBe('abc');
  });

  it('keeps a basename given in the job, and derives nameroot and nameext from it', async () => {
    fileWith('data.bin', 'x');
    const file = await completeFile({ class: 'File', location: 'data.bin', basename: 'renamed.fa' }, { baseDir: dir });
    expect([file.basename, file.nameroot, file.nameext]).toEqual(['renamed.fa', 'renamed', '.fa']);
  });

  it('fails naming the location of a file that does not exist', async () => {
    await expect(completeFile({ class: 'File', location: 'missing.txt' }, { baseDir: dir })).rejects.toThrow(
      /`missing.txt` does not exist/,
    );
  });

  it('leaves a file literal without a location, with name parts from its basename', async () => {
    const file = await completeFile({ class: 'File', basename: 'a.txt', contents: 'hi' }, { baseDir: dir });
    expect(file).toEqual({ class: 'File', basename: 'a.txt', nameroot: 'a', nameext: '.txt', contents: 'hi' });
  });

  it('rejects a File with neither location, path nor contents', async () => {
    await expect(completeFile({ class: 'File', basename: 'a.txt' }, { baseDir: dir })).rejects.toBeInstanceOf(
      CwlFileError,
    );
  });
});

describe('readContents', () => {
  it('reads a file of exactly 64 KiB and refuses one byte more, as loadContents requires', async () => {
    const exact = fileWith('exact.txt', 'a'.repeat(64 * 1024));
    const over = fileWith('over.txt', 'a'.repeat(64 * 1024 + 1));
    expect((await readContents(exact)).length).toBe(64 * 1024);
    await expect(readContents(over)).rejects.toThrow(/larger than 65536 bytes/);
  });
});

describe('completeDirectory', () => {
  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'sub'), { recursive: true });
  fileWith('tree/b.txt', 'b');
  fileWith('tree/a.txt', 'a');
  fileWith('tree/sub/c.txt', 'c');
  const names = (listing: unknown): unknown =>
    (listing as Array<{ basename: string; listing?: unknown }>).map((e) =>
      e.listing === undefined ? e.basename : [e.basename, names(e.listing)],
    );

  it('has no listing with no_listing', async () => {
    const d = await completeDirectory(
      { class: 'Directory', location: 'tree' },
      { baseDir: dir, loadListing: 'no_listing' },
    );
    expect(d.listing).toBeUndefined();
    expect(d.basename).toBe('tree');
  });

  it('lists only the top level with shallow_listing, sorted by name', async () => {
    const d = await completeDirectory(
      { class: 'Directory', location: 'tree' },
      { baseDir: dir, loadListing: 'shallow_listing' },
    );
    expect(names(d.listing)).toEqual(['a.txt', 'b.txt', 'sub']);
  });

  it('lists subdirectories too with deep_listing', async () => {
    const d = await completeDirectory(
      { class: 'Directory', location: 'tree' },
      { baseDir: dir, loadListing: 'deep_listing' },
    );
    expect(names(d.listing)).toEqual(['a.txt', 'b.txt', ['sub', ['c.txt']]]);
  });
});

describe('materializeLiteral', () => {
  it('writes a Directory literal with a file literal inside and a copied file', async () => {
    const target = join(dir, 'literals');
    mkdirSync(target);
    const source = fileWith('copied.txt', 'copy me');
    const d = await materializeLiteral(
      {
        class: 'Directory',
        basename: 'out',
        listing: [
          { class: 'File', basename: 'new.txt', contents: 'new' },
          { class: 'File', location: `file://${source}` },
        ],
      },
      target,
    );
    expect(d.location).toBe(`file://${target}/out`);
    const listing = (d as { listing: Array<{ path: string; size: number }> }).listing;
    expect(listing.map((e) => [e.path, e.size])).toEqual([
      [join(target, 'out', 'new.txt'), 3],
      [join(target, 'out', 'copied.txt'), 7],
    ]);
    expect(await readContents(join(target, 'out', 'copied.txt'))).toBe('copy me');
  });
});
