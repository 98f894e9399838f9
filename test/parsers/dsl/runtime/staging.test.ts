import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../parsers/dsl/runtime/process/staging.js';
import { stagingArea } from '../../../../parsers/common/staging.js';
import { scratchDir } from '../../../helpers/cli.js';

describe('input file fingerprints', () => {
  const dir = scratchDir({ 'a.txt': 'a', 'b.txt': 'bb' });
  const a = { source: join(dir, 'a.txt'), name: 'a.txt' };
  const b = { source: join(dir, 'b.txt'), name: 'b.txt' };
  const area = stagingArea({ launchDir: dir });

  it('do not depend on the order collected files arrived in', () => {
    expect(fingerprint(area, [a, b])).toBe(fingerprint(area, [b, a]));
  });

  it('change when a file is staged under another name', () => {
    expect(fingerprint(area, [a, b])).not.toBe(
      fingerprint(area, [
        { ...a, name: 'in1.txt' },
        { ...b, name: 'in2.txt' },
      ]),
    );
  });

  it('change when a file changes size', () => {
    const before = fingerprint(area, [a]);
    writeFileSync(a.source, 'aaaa');
    expect(fingerprint(area, [a])).not.toBe(before);
  });
});
