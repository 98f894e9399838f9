import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packageVersion } from '../../../ui/cli/version.js';
import { runPipe } from '../../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'pipe-test-version-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('packageVersion', () => {
  it('reads the version of the nearest package.json above the module, however deep the build put it', () => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'pipe', version: '9.8.7' }));
    mkdirSync(join(root, 'dist', 'bundle'), { recursive: true });
    expect(packageVersion(pathToFileURL(join(root, 'dist', 'bundle', 'chunk.js')).href)).toBe('9.8.7');
  });

  it('is what `pipe --version` prints from the bundle', async () => {
    const { version } = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8'),
    ) as { version: string };
    const result = await runPipe(['--version'], root);
    expect(result.stdout.trim()).toBe(version);
  });
});
