import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPodman } from '../../../../../parsers/cwl/tool/container/index.js';
import { scratchFiles } from '../../../../helpers/scratch-files.js';

const { dir, fileWith } = scratchFiles('cwl-podman');

// A stand-in for podman that logs its arguments, holds `docker.io/held:1` and cannot reach any registry.
const fake = fileWith(
  'podman',
  `#!/bin/sh
echo "$*" >> ${join(dir, 'calls')}
if [ "$1 $2" = "image exists" ] && [ "$3" = docker.io/held:1 ]; then exit 0; fi
if [ "$1" = pull ]; then echo 'Trying to pull docker.io/library/missing:1...' >&2; echo 'Error: initializing source: no such host' >&2; exit 125; fi
exit 1
`,
);
chmodSync(fake, 0o755);

describe('the podman engine', () => {
  it('finds an image podman holds without pulling, asking once per image', async () => {
    const podman = createPodman({ command: fake });
    expect(await podman.ensureImage('docker.io/held:1', 'docker.io/held:1')).toEqual({ ok: true });
    expect(await podman.ensureImage('docker.io/held:1', 'docker.io/held:1')).toEqual({ ok: true });
    expect(readFileSync(join(dir, 'calls'), 'utf8')).toBe('image exists docker.io/held:1\n');
  });

  it('pulls a missing image and, when that fails, gives one line naming the image and podman’s last error line', async () => {
    const status = await createPodman({ command: fake }).ensureImage('docker.io/missing:1', 'docker.io/missing:1');
    expect(status).toEqual({ ok: false, reason: 'podman has no image docker.io/missing:1 and cannot pull docker.io/missing:1: Error: initializing source: no such host' });
    expect(readFileSync(join(dir, 'calls'), 'utf8')).toContain('pull --quiet docker.io/missing:1\n');
  });

  it('says podman is not installed when there is no such program', async () => {
    expect(await createPodman({ command: join(dir, 'no-podman') }).ensureImage('docker.io/held:1', undefined)).toEqual({ ok: false, reason: `${join(dir, 'no-podman')} is not installed` });
  });
});
