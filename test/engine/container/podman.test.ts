import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPodman } from '../../../engine/container/index.js';
import { scratchFiles } from '../../helpers/scratch-files.js';

const { dir, fileWith } = scratchFiles('container-podman');

// A stand-in for podman that logs its arguments, holds `docker.io/held:1` and cannot reach any registry.
const fake = fileWith(
  'podman',
  `#!/bin/sh
echo "$*" >> ${join(dir, 'calls')}
if [ "$1 $2 $3" = "image inspect --format={{.Id}}" ] && [ "$4" = docker.io/held:1 ]; then echo 5e0f1c2d; exit 0; fi
if [ "$1 $2" = "image inspect" ]; then echo "Error: $4: image not known" >&2; exit 125; fi
if [ "$1" = pull ]; then echo 'Trying to pull docker.io/library/missing:1...' >&2; echo 'Error: initializing source: no such host' >&2; exit 125; fi
exit 1
`,
);
chmodSync(fake, 0o755);

describe('the podman engine', () => {
  it('finds an image podman holds and its id without pulling, asking once per image', async () => {
    const podman = createPodman({ command: fake });
    expect(await podman.ensureImage('docker.io/held:1', 'docker.io/held:1')).toEqual({ ok: true, id: '5e0f1c2d' });
    expect(await podman.ensureImage('docker.io/held:1', 'docker.io/held:1')).toEqual({ ok: true, id: '5e0f1c2d' });
    expect(readFileSync(join(dir, 'calls'), 'utf8')).toBe('image inspect --format={{.Id}} docker.io/held:1\n');
  });

  it('pulls a missing image and, when that fails, gives one line naming the image and podman’s last error line', async () => {
    const status = await createPodman({ command: fake }).ensureImage('docker.io/missing:1', 'docker.io/missing:1');
    expect(status).toEqual({
      ok: false,
      reason:
        'podman has no image docker.io/missing:1 and cannot pull docker.io/missing:1: Error: initializing source: no such host',
    });
    expect(readFileSync(join(dir, 'calls'), 'utf8')).toContain('pull --quiet docker.io/missing:1\n');
  });

  it('says which image podman lacks when there is nothing to pull it from', async () => {
    expect(await createPodman({ command: fake }).ensureImage('docker.io/local-only:1', undefined)).toEqual({
      ok: false,
      reason: 'podman has no image docker.io/local-only:1',
    });
  });

  it('says podman is not installed when there is no such program', async () => {
    expect(await createPodman({ command: join(dir, 'no-podman') }).ensureImage('docker.io/held:1', undefined)).toEqual({
      ok: false,
      reason: `${join(dir, 'no-podman')} is not installed`,
    });
  });
});
