import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relocateOutputs } from '../../../../parsers/cwl/runtime/relocate-outputs.js';
import { scratchDir } from '../../../helpers/cli.js';

describe('placing the output object into --outdir', () => {
  it('copies a file that two outputs name (also through a symlinked folder) once, and both outputs name that copy', async () => {
    const work = scratchDir({ blurb: 'hi\n' });
    symlinkSync(work, join(work, 'inp'));
    const outdir = join(scratchDir(), 'out');
    const outputs = await relocateOutputs(
      { a: [{ class: 'File', path: join(work, 'blurb') }], b: [{ class: 'File', path: join(work, 'inp', 'blurb') }] },
      outdir,
      work,
    );
    expect(readdirSync(outdir)).toEqual(['blurb']);
    expect(outputs).toMatchObject({
      a: [{ location: `file://${outdir}/blurb`, size: 3 }],
      b: [{ location: `file://${outdir}/blurb`, size: 3 }],
    });
  });

  it('gives different files with the same name distinct names', async () => {
    const one = scratchDir({ out: '1' });
    const two = scratchDir({ out: '22' });
    const outdir = join(scratchDir(), 'out');
    const outputs = await relocateOutputs(
      { x: { class: 'File', path: join(one, 'out') }, y: { class: 'File', path: join(two, 'out') } },
      outdir,
      one,
    );
    expect(readdirSync(outdir).sort()).toEqual(['out', 'out_2']);
    expect(outputs).toMatchObject({ x: { basename: 'out', size: 1 }, y: { basename: 'out_2', size: 2 } });
  });

  it('hard-links a file a task made under the work root, and copies a file from elsewhere (an input passed through)', async () => {
    const root = scratchDir();
    mkdirSync(join(root, 'ab', 'task', 'out'), { recursive: true });
    const made = join(root, 'ab', 'task', 'out', 'made.txt');
    writeFileSync(made, 'made\n');
    const input = join(scratchDir({ 'input.txt': 'given\n' }), 'input.txt');
    const outdir = join(scratchDir(), 'out');
    await relocateOutputs({ made: { class: 'File', path: made }, given: { class: 'File', path: input } }, outdir, root);
    expect(statSync(join(outdir, 'made.txt')).ino).toBe(statSync(made).ino);
    expect(statSync(join(outdir, 'input.txt')).ino).not.toBe(statSync(input).ino);
    expect(statSync(input).nlink).toBe(1);
  });

  it('replaces what an earlier run placed (a file, a directory) instead of adding counts_2.txt beside it', async () => {
    const outdir = join(scratchDir(), 'out');
    for (const text of ['first\n', 'second run\n']) {
      const work = scratchDir({ 'counts.txt': text });
      mkdirSync(join(work, 'dir'));
      writeFileSync(join(work, 'dir', 'inner.txt'), text);
      const outputs = await relocateOutputs(
        {
          counts: { class: 'File', path: join(work, 'counts.txt') },
          dir: { class: 'Directory', path: join(work, 'dir') },
        },
        outdir,
        work,
      );
      expect(outputs).toMatchObject({ counts: { basename: 'counts.txt' }, dir: { basename: 'dir' } });
    }
    expect(readdirSync(outdir).sort()).toEqual(['counts.txt', 'dir']);
    expect(readFileSync(join(outdir, 'counts.txt'), 'utf8')).toBe('second run\n');
    expect(readdirSync(join(outdir, 'dir'))).toEqual(['inner.txt']);
    expect(readFileSync(join(outdir, 'dir', 'inner.txt'), 'utf8')).toBe('second run\n');
  });

  it('never removes an input in the outdir that an output passes through, nor one another output names', async () => {
    const outdir = scratchDir({ 'data.txt': 'input\n' });
    const work = scratchDir({ 'data.txt': 'made\n' });
    const outputs = await relocateOutputs(
      {
        made: { class: 'File', path: join(work, 'data.txt') },
        given: { class: 'File', path: join(outdir, 'data.txt') },
      },
      outdir,
      work,
    );
    expect(readFileSync(join(outdir, 'data.txt'), 'utf8')).toBe('input\n');
    expect(outputs).toMatchObject({ made: { basename: 'data_2.txt' }, given: { basename: 'data.txt' } });
  });
});
