import { describe, expect, it } from 'vitest';
import { selectorMatches } from '../../../../parsers/dsl/runtime/config/config.js';
import { pairKey } from '../../../../parsers/dsl/runtime/channels/file-pairs.js';
import { coerceParam, paramsFromArgs } from '../../../../parsers/dsl/runtime/workflow/params.js';
import { stageNames } from '../../../../parsers/dsl/runtime/process/staging.js';
import { pathValue } from '../../../../parsers/dsl/runtime/values/values.js';

describe('fromFilePairs keys', () => {
  it.each([
    ['gut_1.fq', '/d/*_{1,2}.fq', 'gut'],
    ['ggal_gut_2.fq', '/d/ggal_gut_{1,2}.fq', 'ggal_gut'],
    ['sampleA_R1_001.fastq.gz', '/d/*_R{1,2}_001.fastq.gz', 'sampleA'],
  ])('groups %s under %s as %s', (file, pattern, key) => {
    expect(pairKey(file, pattern)).toBe(key);
  });
});

describe('command-line params', () => {
  it('types values as Nextflow does: booleans, integers, decimals, text', () => {
    expect([coerceParam('true'), coerceParam('42'), coerceParam('1.5'), coerceParam('x.fq')]).toEqual([
      true,
      42,
      1.5,
      'x.fq',
    ]);
  });
  it('reads `--name value`, `--name=value` and a bare `--flag`, also under the camelCase name', () => {
    const params = paramsFromArgs(['--reads', 'a.fq', '--max-cpus=4', '--skip']);
    expect([...params]).toEqual([
      ['reads', 'a.fq'],
      ['max-cpus', 4],
      ['maxCpus', 4],
      ['skip', true],
    ]);
  });
});

describe('input stage names', () => {
  const files = [pathValue('/x/a.fq'), pathValue('/x/b.fq')];
  it('keeps file names for an identifier or `*`, and numbers a pattern with `*` or `?`', () => {
    expect(stageNames(files, undefined)).toEqual(['a.fq', 'b.fq']);
    expect(stageNames(files, 'reads*.fq')).toEqual(['reads1.fq', 'reads2.fq']);
    expect(stageNames(files, 'r??.fq')).toEqual(['r01.fq', 'r02.fq']);
    expect(stageNames([pathValue('/x/a.fq')], 'in.fq')).toEqual(['in.fq']);
    // folders: `?` and `*` above the last component are the index (nf-core's MULTIQC stages `?/*`)
    expect(stageNames([pathValue('/x/a.yml'), pathValue('/y/a.yml')], '?/*')).toEqual(['1/a.yml', '2/a.yml']);
    expect(stageNames([pathValue('/x/a.yml')], '?/*')).toEqual(['1/a.yml']);
    expect(stageNames([pathValue('/x/a.fq')], 'r?.fq')).toEqual(['r1.fq']);
  });
});

describe('config process selectors', () => {
  it('matches names by regex, alternatives and negation', () => {
    expect(selectorMatches('QUANT|INDEX', 'INDEX')).toBe(true);
    expect(selectorMatches('.*:QUANT', 'RNASEQ:QUANT')).toBe(true);
    expect(selectorMatches('!FASTQC', 'QUANT')).toBe(true);
    expect(selectorMatches('!FASTQC', 'FASTQC')).toBe(false);
  });
});
