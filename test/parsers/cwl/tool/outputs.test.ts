import { describe, expect, it } from 'vitest';
import { scratchFiles } from '../../../helpers/scratch-files.js';
import { runTool, tool } from './run-tool.js';

const { dir } = scratchFiles('cwl-outputs');
const EDAM = 'http://edamontology.org/';

describe('collecting tool outputs', () => {
  it('collects glob matches sorted by name into a File array, ignoring hidden files for *', async () => {
    const run = await runTool(dir, tool({ baseCommand: ['touch', 'b.txt', 'a.txt', '.hidden.txt'], outputs: [{ id: 'all', type: { type: 'array', items: 'File' }, outputBinding: { glob: '*.txt' } }] }), {});
    expect((run.task.outputs()['all'] as Array<{ basename: string }>).map((f) => f.basename)).toEqual(['a.txt', 'b.txt']);
  });

  it('adds secondaryFiles and the format to output files', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['touch', 'x.bam', 'x.bai'],
        namespaces: { edam: EDAM },
        outputs: [{ id: 'bam', type: 'File', format: 'edam:format_2572', secondaryFiles: [{ pattern: '^.bai' }, { pattern: '.crai' }], outputBinding: { glob: 'x.bam' } }],
      }),
      {},
    );
    const bam = run.task.outputs()['bam'] as { format: string; secondaryFiles: Array<{ basename: string }> };
    expect(bam.format).toBe(`${EDAM}format_2572`);
    expect(bam.secondaryFiles.map((f) => f.basename)).toEqual(['x.bai']);
  });

  it('lists Directory outputs as loadListing asks', async () => {
    const run = await runTool(
      dir,
      tool({ baseCommand: ['sh', '-c', 'mkdir -p d/e && touch d/f d/e/g'], outputs: [{ id: 'd', type: 'Directory', outputBinding: { glob: 'd', loadListing: 'shallow_listing' } }] }),
      {},
    );
    const d = run.task.outputs()['d'] as { listing: Array<{ basename: string; listing?: unknown }> };
    expect(d.listing.map((entry) => [entry.basename, entry.listing])).toEqual([
      ['e', undefined],
      ['f', undefined],
    ]);
  });

  it('fails a tool whose output is a symlink to a file outside its work dir', async () => {
    const run = await runTool(dir, tool({ baseCommand: ['ln', '-s', '/etc/hostname', 'link.txt'], outputs: [{ id: 'f', type: 'File', outputBinding: { glob: 'link.txt' } }] }), {});
    expect(run.ok).toBe(false);
    expect(run.reason).toMatch(/symlink to `\/etc\/hostname`/);
  });

  it('fails a tool whose glob reaches outside the output dir', async () => {
    const run = await runTool(dir, tool({ baseCommand: ['true'], outputs: [{ id: 'f', type: 'File', outputBinding: { glob: '/etc/hostname' } }] }), {});
    expect(run.reason).toMatch(/outside the output directory/);
  });

  it('fails when one File output matches several files', async () => {
    const run = await runTool(dir, tool({ baseCommand: ['touch', 'a', 'b'], outputs: [{ id: 'f', type: 'File', outputBinding: { glob: '*' } }] }), {});
    expect(run.reason).toMatch(/Multiple matches for output `f`/);
  });
});
