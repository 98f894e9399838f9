import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { symlinkMounts } from '../../../../../parsers/cwl/tool/container/index.js';
import { scratchFiles } from '../../../../helpers/scratch-files.js';

const { dir, fileWith } = scratchFiles('cwl-mounts');

describe('mounts for the symlinks of a work dir', () => {
  it('mounts what each link leads to read-only at the path the link names, once', async () => {
    const data = fileWith('data.txt', 'data');
    const work = join(dir, 'w1');
    mkdirSync(join(work, 'in', '0'), { recursive: true });
    mkdirSync(join(work, 'in', '1'), { recursive: true });
    symlinkSync(data, join(work, 'in', '0', 'data.txt'));
    symlinkSync(data, join(work, 'in', '1', 'renamed.txt'));
    await expect(symlinkMounts([join(work, 'in')])).resolves.toEqual([{ source: data, target: data, writable: false }]);
  });

  it('leaves out links inside the work dir and files a mounted directory already shows', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const inner = fileWith('folder/inner.txt', 'inner');
    const work = join(dir, 'w2');
    mkdirSync(join(work, 'in', '0'), { recursive: true });
    mkdirSync(join(work, 'out'), { recursive: true });
    symlinkSync(folder, join(work, 'in', '0', 'folder'));
    symlinkSync(inner, join(work, 'out', 'inner.txt'));
    symlinkSync(join(work, 'in', '0', 'folder'), join(work, 'out', 'again'));
    expect(await symlinkMounts([join(work, 'in'), join(work, 'out'), join(work, 'missing')])).toEqual([
      { source: folder, target: folder, writable: false },
    ]);
  });
});
