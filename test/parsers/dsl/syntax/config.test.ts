import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../parsers/dsl/syntax/index.js';
import type { ConfigItem } from '../../../../parsers/dsl/syntax/index.js';
import { FIXTURES, strip } from './helpers.js';

const file = resolve(FIXTURES, 'constructs/nextflow.config');
const config = parseConfig(readFileSync(file, 'utf8'), file);

// The top-level item of the fixture config with this block name or dotted path.
function item(name: string): ConfigItem | undefined {
  return config.body.find(
    (i) => (i.kind === 'block' && i.name === name) || (i.kind === 'assign' && i.path.join('.') === name),
  );
}

describe('nextflow.config syntax', () => {
  it('reads blocks and dotted assignments in order, values as expressions', () => {
    expect(config.body.map((i) => i.kind)).toEqual([
      'block',
      'block',
      'assign',
      'assign',
      'assign',
      'includeConfig',
      'block',
      'block',
      'block',
      'block',
      'block',
    ]);
    expect(strip(item('process.cpus'))).toEqual({
      kind: 'assign',
      path: ['process', 'cpus'],
      value: { kind: 'number', value: 4, raw: '4', integer: true },
    });
    expect(strip(item('params'))).toMatchObject({
      body: [
        { path: ['outdir'] },
        { path: ['max_memory'], value: { kind: 'property', name: 'GB' } },
        { path: ['skip_qc'] },
      ],
    });
    expect(strip(config.body[5])).toEqual({
      kind: 'includeConfig',
      path: { kind: 'string', value: 'conf/base.config', quote: "'" },
    });
  });

  it('reads withName: and withLabel: selectors with quoted and bare patterns, and `;`-separated settings', () => {
    expect(strip(item('process'))).toEqual({
      kind: 'block',
      name: 'process',
      body: [
        { kind: 'assign', path: ['cpus'], value: { kind: 'number', value: 2, raw: '2', integer: true } },
        { kind: 'assign', path: ['memory'], value: { kind: 'string', value: '2 GB', quote: "'" } },
        { kind: 'assign', path: ['errorStrategy'], value: expect.objectContaining({ kind: 'closure' }) },
        {
          kind: 'selector',
          selector: 'withName',
          pattern: 'QUANT',
          body: [{ kind: 'assign', path: ['memory'], value: { kind: 'string', value: '4 GB', quote: "'" } }],
        },
        {
          kind: 'selector',
          selector: 'withName',
          pattern: 'FASTQC|MULTIQC',
          body: [{ kind: 'assign', path: ['cpus'], value: { kind: 'number', value: 1, raw: '1', integer: true } }],
        },
        {
          kind: 'selector',
          selector: 'withLabel',
          pattern: 'big',
          body: [expect.objectContaining({ path: ['cpus'] }), expect.objectContaining({ path: ['time'] })],
        },
      ],
    });
  });

  it('reads profiles as nested blocks, quoted profile names included', () => {
    const profiles = item('profiles');
    if (profiles?.kind !== 'block') throw new Error('no profiles block');
    expect(profiles.body.map((p) => (p.kind === 'block' ? p.name : p.kind))).toEqual([
      'standard',
      'slurm',
      'all-reads',
    ]);
    expect(strip(profiles.body[1])).toMatchObject({
      body: [{ path: ['process', 'executor'] }, { path: ['process', 'queue'] }, { path: ['executor', 'queueSize'] }],
    });
  });

  it('reads env, executor and plugin settings', () => {
    expect(strip(item('env'))).toEqual({
      kind: 'block',
      name: 'env',
      body: [{ kind: 'assign', path: ['LC_ALL'], value: { kind: 'string', value: 'C', quote: "'" } }],
    });
    expect(strip(item('executor'))).toMatchObject({ body: [{ path: ['queueSize'] }, { path: ['pollInterval'] }] });
    expect(strip(item('plugins'))).toEqual({
      kind: 'block',
      name: 'plugins',
      body: [{ kind: 'call', name: 'id', args: [{ kind: 'string', value: 'nf-schema@2.1.0', quote: "'" }] }],
    });
  });

  it('places every item at its line and column', () => {
    expect(item('process.cpus')?.pos).toMatchObject({ line: 14, column: 1 });
  });
});
