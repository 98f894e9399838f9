import { describe, expect, it } from 'vitest';
import { scratchFiles } from '../../../helpers/scratch-files.js';
import { runTool, tool } from './run-tool.js';

const { dir, fileWith } = scratchFiles('cwl-outputs');
const EDAM = 'http://edamontology.org/';

describe('collecting tool outputs', () => {
  it('collects glob matches sorted by name into a File array, ignoring hidden files for *', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['touch', 'b.txt', 'a.txt', '.hidden.txt'],
        outputs: [{ id: 'all', type: { type: 'array', items: 'File' }, outputBinding: { glob: '*.txt' } }],
      }),
      {},
    );
    expect((run.task.outputs()['all'] as Array<{ basename: string }>).map((f) => f.basename)).toEqual([
      'a.txt',
      'b.txt',
    ]);
  });

  it('adds secondaryFiles and the format to output files', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['touch', 'x.bam', 'x.bai'],
        namespaces: { edam: EDAM },
        outputs: [
          {
            id: 'bam',
            type: 'File',
            format: 'edam:format_2572',
            secondaryFiles: [{ pattern: '^.bai' }, { pattern: '.crai' }],
            outputBinding: { glob: 'x.bam' },
          },
        ],
      }),
      {},
    );
    const bam = run.task.outputs()['bam'] as { format: string; secondaryFiles: Array<{ basename: string }> };
    expect(bam.format).toBe(`${EDAM}format_2572`);
    expect(bam.secondaryFiles.map((f) => f.basename)).toEqual(['x.bai']);
  });

  it('collects every secondary file that suffix, ^, string, File and list patterns name for an InitialWorkDir entry', async () => {
    const data = fileWith('whale.txt', 'call me ishmael');
    const extra = fileWith('hello.txt', 'hello');
    const make =
      'touch input.txt.idx1 input.idx2 input.txt.idx3 input.txt.idx4 input.txt.idx5 input.idx6.txt input.txt.idx7 && mkdir input.txt_idx8 && touch input.txt_idx8/index';
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['sh', '-c', make],
        requirements: [
          { class: 'InitialWorkDirRequirement', listing: [{ entryname: 'input.txt', entry: '$(inputs.file)' }] },
          { class: 'InlineJavascriptRequirement' },
        ],
        inputs: [
          { id: 'file', type: 'File' },
          { id: 'second', type: 'File' },
        ],
        outputs: [
          {
            id: 'indexed',
            type: 'File',
            outputBinding: { glob: 'input.txt' },
            secondaryFiles: [
              { pattern: '.idx1' },
              { pattern: '^.idx2' },
              { pattern: '$(self.basename).idx3' },
              { pattern: '${ return self.basename + ".idx4"; }' },
              { pattern: '$({"path": self.path + ".idx5", "class": "File"})' },
              { pattern: '$(self.nameroot).idx6$(self.nameext)' },
              { pattern: '${ return [self.basename + ".idx7", inputs.second]; }' },
              { pattern: '_idx8' },
            ],
          },
        ],
      }),
      { file: { class: 'File', location: data }, second: { class: 'File', location: extra } },
    );
    const indexed = run.task.outputs()['indexed'] as { secondaryFiles: Array<{ class: string; location: string }> };
    expect(indexed.secondaryFiles.map((f) => [f.class, f.location.slice(f.location.lastIndexOf('/') + 1)])).toEqual([
      ['File', 'input.txt.idx1'],
      ['File', 'input.idx2'],
      ['File', 'input.txt.idx3'],
      ['File', 'input.txt.idx4'],
      ['File', 'input.txt.idx5'],
      ['File', 'input.idx6.txt'],
      ['File', 'input.txt.idx7'],
      ['File', 'hello.txt'],
      ['Directory', 'input.txt_idx8'],
    ]);
  });

  it('lists Directory outputs as loadListing asks', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['sh', '-c', 'mkdir -p d/e && touch d/f d/e/g'],
        outputs: [{ id: 'd', type: 'Directory', outputBinding: { glob: 'd', loadListing: 'shallow_listing' } }],
      }),
      {},
    );
    const d = run.task.outputs()['d'] as { listing: Array<{ basename: string; listing?: unknown }> };
    expect(d.listing.map((entry) => [entry.basename, entry.listing])).toEqual([
      ['e', undefined],
      ['f', undefined],
    ]);
  });

  it('fails a tool whose output is a symlink to a file outside its work dir', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['ln', '-s', '/etc/hostname', 'link.txt'],
        outputs: [{ id: 'f', type: 'File', outputBinding: { glob: 'link.txt' } }],
      }),
      {},
    );
    expect(run.ok).toBe(false);
    expect(run.reason).toMatch(/symlink to `\/etc\/hostname`/);
  });

  it('fails a tool whose glob reaches outside the output dir', async () => {
    const run = await runTool(
      dir,
      tool({ baseCommand: ['true'], outputs: [{ id: 'f', type: 'File', outputBinding: { glob: '/etc/hostname' } }] }),
      {},
    );
    expect(run.reason).toMatch(/outside the output directory/);
  });

  it('fails when one File output matches several files', async () => {
    const run = await runTool(
      dir,
      tool({ baseCommand: ['touch', 'a', 'b'], outputs: [{ id: 'f', type: 'File', outputBinding: { glob: '*' } }] }),
      {},
    );
    expect(run.reason).toMatch(/Multiple matches for output `f`/);
  });
});
