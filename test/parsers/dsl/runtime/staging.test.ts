import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../parsers/dsl/runtime/process/staging.js';
import { scratchDir } from '../../../helpers/cli.js';

describe('input file fingerprints', () => {
  const dir = scratchDir({ 'a.txt': 'a', 'b.txt': 'bb' });
  const a = { source: join(dir, 'a.txt'), name: 'a.txt' };
  const b = { source: join(dir, 'b.txt'), name: 'b.txt' };

  it('do not depend on the order collected files arrived in', () => {
    expect(fingerprint([a, b])).toBe(fingerprint([b, a]));
  });

  it('change when a file is staged under another name', () => {
    expect(fingerprint([a, b])).not.toBe(
      fingerprint([
        { ...a, name: 'in1.txt' },
        { ...b, name: 'in2.txt' },
      ]),
    );
  });

  it('change when a file changes size', () => {
    const before = fingerprint([a]);
    writeFileSync(a.source, 'aaaa');
    expect(fingerprint([a])).not.toBe(before);
  });
});
