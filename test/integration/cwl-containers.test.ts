// A CWL tool with a required DockerRequirement run in a real podman container. Needs the image that
// .ci/services/images.sh builds; skipped without it unless PIPE_REQUIRE_SERVICES=1.
import { cpSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';
import { podmanImageRuns, requireService } from '../helpers/services.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'cwl', 'containers');
const available = requireService(
  'podman with docker.io/debian:stable-slim',
  podmanImageRuns('docker.io/debian:stable-slim'),
  '.ci/services/images.sh start',
);

describe.runIf(available)('pipe run on a CWL tool that requires a container', () => {
  it('runs it in the image with its input, environment and an absolute InitialWorkDir entry, without network, and puts its outputs in --outdir', async () => {
    const dir = scratchDir();
    cpSync(fixtures, dir, { recursive: true });
    const result = await runPipe(
      ['run', '--quiet', '--outdir', 'results', 'in-container.cwl', '--note', 'note.txt'],
      dir,
    );
    expect(result.stderr).toMatch(/succeeded in/);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { copy: { path: string }; seen: { path: string } };
    expect(output.copy.path).toBe(join(dir, 'results', 'copy.txt'));
    expect(readFileSync(output.copy.path, 'utf8')).toBe('from the host\n');
    const seen = Object.fromEntries(
      readFileSync(output.seen.path, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('=') as [string, string]),
    );
    expect(seen).toMatchObject({ home: '/var/spool/cwl', greeting: 'hello from the job', net: 'lo ', os: 'debian' });
    expect(seen['input']).toBe('/opt/settings/motd.txt'); // an input InitialWorkDir placed is passed by its new path
    expect(output.seen.path).toBe(join(dir, 'results', 'seen.txt'));
  });
});
