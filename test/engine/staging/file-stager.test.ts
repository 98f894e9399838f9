import { lstatSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileStager, LinkMode } from '../../../engine/staging/file-stager.js';
import { describeStagerConformance } from './conformance.js';

for (const mode of Object.values(LinkMode)) {
  describeStagerConformance(`file (${mode})`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'pipe-file-stager-'));
    return {
      stager: createFileStager({ mode }),
      root: pathToFileURL(root),
      cleanup: async () => rmSync(root, { recursive: true, force: true }),
    };
  });
}

describe('file stager modes', () => {
  const setup = (mode: LinkMode) => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-file-modes-'));
    writeFileSync(join(dir, 'src.txt'), 'x');
    return { dir, src: pathToFileURL(join(dir, 'src.txt')), stager: createFileStager({ mode }) };
  };

  it('symlink mode stages a symbolic link to the source', async () => {
    const { dir, src, stager } = setup(LinkMode.Symlink);
    await stager.fetch(src, join(dir, 'out'), { signal: new AbortController().signal });
    expect(lstatSync(join(dir, 'out')).isSymbolicLink()).toBe(true);
    rmSync(dir, { recursive: true });
  });

  it('hardlink mode stages the same inode, copy mode a new one', async () => {
    for (const [mode, same] of [
      [LinkMode.HardLink, true],
      [LinkMode.Copy, false],
    ] as const) {
      const { dir, src, stager } = setup(mode);
      await stager.fetch(src, join(dir, 'out'), { signal: new AbortController().signal });
      expect(lstatSync(join(dir, 'out')).ino === lstatSync(join(dir, 'src.txt')).ino).toBe(same);
      rmSync(dir, { recursive: true });
    }
  });
});
