import { describe, expect, it } from 'vitest';
import { resolveSecondaryFiles, substituteSuffix } from '../../../../parsers/cwl/files/index.js';
import type { CwlFile } from '../../../../parsers/cwl/model.js';
import { scratchFiles } from '../../../helpers/scratch-files.js';

const { dir, fileWith } = scratchFiles('cwl-secondary');

describe('substituteSuffix', () => {
  it.each([
    ['reads.bam', '.bai', 'reads.bam.bai'],
    ['reads.bam', '^.bai', 'reads.bai'],
    ['ref.fasta.gz', '^^.dict', 'ref.dict'],
    ['noext', '^.idx', 'noext.idx'],
  ])('turns %s with pattern %s into %s', (name, pattern, result) => {
    expect(substituteSuffix(name, pattern)).toBe(result);
  });
});

describe('resolveSecondaryFiles', () => {
  const primary = fileWith('reads.bam', 'bam');
  fileWith('reads.bam.bai', 'bai');
  fileWith('reads.idx', 'idx');
  const file: CwlFile = { class: 'File', location: `file://${primary}`, basename: 'reads.bam' };
  const noExpressions = {
    evaluate: () => Promise.reject(new Error('no expressions here')),
    baseDir: dir,
    defaultRequired: true,
  };
  const locations = (f: CwlFile): unknown => f.secondaryFiles?.map((s) => s.location);

  it('adds the files that suffix and ^ patterns name beside the primary', async () => {
    const done = await resolveSecondaryFiles(file, [{ pattern: '.bai' }, { pattern: '^.idx' }], noExpressions);
    expect(locations(done)).toEqual([`file://${dir}/reads.bam.bai`, `file://${dir}/reads.idx`]);
  });

  it('fails on a missing required secondary file, naming it', async () => {
    await expect(resolveSecondaryFiles(file, [{ pattern: '.crai' }], noExpressions)).rejects.toThrow(
      /Missing required secondary file `.*reads.bam.crai`/,
    );
  });

  it('leaves out a missing secondary file that is not required, by field or by a trailing ?', async () => {
    const done = await resolveSecondaryFiles(
      file,
      [{ pattern: '.crai', required: false }, { pattern: '.csi?' }],
      noExpressions,
    );
    expect(locations(done)).toEqual([]);
  });

  it('does not require secondary files of outputs unless asked', async () => {
    const done = await resolveSecondaryFiles(file, [{ pattern: '.crai' }], {
      ...noExpressions,
      defaultRequired: false,
    });
    expect(locations(done)).toEqual([]);
  });

  it('does not add a secondary file the job already lists', async () => {
    const listed: CwlFile = {
      ...file,
      secondaryFiles: [{ class: 'File', location: `file://${dir}/reads.bam.bai`, basename: 'reads.bam.bai' }],
    };
    const done = await resolveSecondaryFiles(listed, [{ pattern: '.bai' }], noExpressions);
    expect(done.secondaryFiles).toHaveLength(1);
  });

  it('evaluates pattern expressions with self the primary file', async () => {
    const evaluate = async (text: string, self: CwlFile): Promise<unknown> =>
      text === '$(self.nameroot).idx' ? `${self.basename?.replace('.bam', '')}.idx` : null;
    const done = await resolveSecondaryFiles(file, [{ pattern: '$(self.nameroot).idx' }], {
      ...noExpressions,
      evaluate,
    });
    expect(locations(done)).toEqual([`file://${dir}/reads.idx`]);
  });
});

describe('resolveSecondaryFiles without discovery (workflow steps)', () => {
  const { dir: stepDir, fileWith: stepFile } = scratchFiles('cwl-secondary-step');
  const primary = stepFile('sample.vcf', 'vcf');
  stepFile('sample.vcf.tbi', 'tbi');
  const file: CwlFile = { class: 'File', location: `file://${primary}`, basename: 'sample.vcf' };
  const ctx = { evaluate: () => Promise.resolve(null), baseDir: stepDir, defaultRequired: true, discover: false };

  it('reports a required secondary file the File does not carry as missing, even when it exists on disk', async () => {
    await expect(resolveSecondaryFiles(file, [{ pattern: '.tbi' }], ctx)).rejects.toThrow(
      /Missing required secondary file/,
    );
  });

  it('trusts the secondaryFiles a File carries', async () => {
    const carried: CwlFile = {
      ...file,
      secondaryFiles: [{ class: 'File', location: `file://${stepDir}/sample.vcf.tbi` }],
    };
    expect(await resolveSecondaryFiles(carried, [{ pattern: '.tbi' }, { pattern: '.csi' }], ctx)).toBe(carried);
  });
});
