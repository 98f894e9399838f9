import { describe, expect, it } from 'vitest';
import { runtimeContext } from '../../../../parsers/cwl/expressions/runtime-context.js';

describe('runtimeContext', () => {
  const resources = { outdir: '/w/out', tmpdir: '/w/tmp', cores: 1.5, ram: 1000.2, outdirSize: 1024, tmpdirSize: 512 };

  it('rounds fractional cores and sizes up, as expressions see them in cwltool', () => {
    expect(runtimeContext(resources)).toEqual({
      outdir: '/w/out',
      tmpdir: '/w/tmp',
      cores: 2,
      ram: 1001,
      outdirSize: 1024,
      tmpdirSize: 512,
    });
  });

  it('has exitCode only when collecting outputs', () => {
    expect(runtimeContext(resources)).not.toHaveProperty('exitCode');
    expect(runtimeContext({ ...resources, exitCode: 3 })).toHaveProperty('exitCode', 3);
  });
});
