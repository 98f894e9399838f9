import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishFiles, PublishRefused, type PublishRule } from '../../../../parsers/dsl/runtime/process/publish.js';

// A launch dir with a work dir holding `a.txt`, and a publish rule into launch/results.
function setUp(rule: Partial<PublishRule> = {}): { launch: string; work: string; file: string; rule: PublishRule } {
  const launch = mkdtempSync(join(tmpdir(), 'pipe-publish-'));
  const work = join(launch, 'work', 'ab', 'cdef');
  mkdirSync(work, { recursive: true });
  const file = join(work, 'a.txt');
  writeFileSync(file, 'new\n');
  const base: PublishRule = {
    path: join(launch, 'results'),
    mode: 'copy',
    overwrite: true,
    enabled: true,
    launchDir: launch,
  };
  return { launch, work, file, rule: { ...base, ...rule } };
}

describe('publishDir targets', () => {
  it('copies an output into the publishDir, replacing what was there', () => {
    const { launch, work, file, rule } = setUp();
    mkdirSync(join(launch, 'results', 'a.txt'), { recursive: true });
    publishFiles(rule, work, [file]);
    expect(readFileSync(join(launch, 'results', 'a.txt'), 'utf8')).toBe('new\n');
  });

  it('refuses an output outside the work dir', () => {
    const { launch, work, rule } = setUp();
    writeFileSync(join(launch, 'outside.txt'), 'x');
    expect(() => publishFiles(rule, work, [join(launch, 'outside.txt')])).toThrow(PublishRefused);
  });

  it.each(['..', '../..', '.'])(
    'refuses a saveAs of %j, which names the launch dir or a directory holding it',
    (name) => {
      const { launch, work, file, rule } = setUp({ saveAs: () => name });
      mkdirSync(join(launch, 'results'));
      writeFileSync(join(launch, 'keep.txt'), 'keep');
      expect(() => publishFiles(rule, work, [file])).toThrow(/would replace/);
      expect(existsSync(join(launch, 'keep.txt'))).toBe(true);
    },
  );

  it('keeps an existing directory outside the publishDir, and writes a new file there', () => {
    const { launch, work, file, rule } = setUp({ saveAs: () => '../elsewhere' });
    mkdirSync(join(launch, 'elsewhere'));
    expect(() => publishFiles(rule, work, [file])).toThrow(/existing directory outside the publishDir/);
    expect(existsSync(join(launch, 'elsewhere'))).toBe(true);
    publishFiles({ ...rule, saveAs: () => '../new.txt' }, work, [file]);
    expect(readFileSync(join(launch, 'new.txt'), 'utf8')).toBe('new\n');
  });
});
