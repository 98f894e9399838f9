// `pipe inspect` through the built CLI, as `nextflow inspect`: each process's container from the directives and the
// config, without running a task; JSON (only JSON) or config lines on stdout; -concretize has podman hold the images.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const MAIN = `
params.tool = 'samtools'
process ALIGN {
  container "quay.io/biocontainers/\${params.tool}:1.0"
  input:
  val x
  output:
  stdout
  script:
  "echo \${x}"
}
process SORT {
  label 'big'
  input:
  val x
  script:
  "echo \${x}"
}
process PLAIN {
  script:
  "true"
}
process NEVER_CALLED {
  container { task.ext.image ?: 'ubuntu:22.04' }
  script:
  "true"
}
workflow {
  println 'the script prints this'
  ALIGN(channel.of('a')) | SORT
  PLAIN()
}
`;

const CONFIG = `
process {
  withLabel: 'big' { container = 'debian:stable-slim' }
  withName: 'NEVER_CALLED' { ext.image = 'alpine:3' }
}
profiles {
  reg {
    docker.enabled = true
    docker.registry = 'registry.example.org'
    // nf-core's container profiles turn every other engine off
    shifter.enabled = false
    sarus.enabled = false
    udocker.enabled = false
    charliecloud.enabled = false
  }
}
`;

type Listing = { processes: { name: string; container: string | null }[] };

describe('pipe inspect lists the container of every process, as nextflow inspect', () => {
  it('prints JSON with directive, config-selected and param-built containers, runs nothing and prints only JSON', async () => {
    const dir = scratchDir({ 'main.nf': MAIN, 'nextflow.config': CONFIG });
    const result = await runPipe(['inspect', '-format', 'json', 'main.nf', '--tool', 'bwa'], dir);
    expect(result.code, result.stderr).toBe(0);
    const listing = JSON.parse(result.stdout) as Listing;
    expect(listing.processes).toEqual([
      { name: 'ALIGN', container: 'quay.io/biocontainers/bwa:1.0' },
      { name: 'SORT', container: 'debian:stable-slim' },
      { name: 'PLAIN', container: null },
      { name: 'NEVER_CALLED', container: 'alpine:3' },
    ]);
    expect(result.stdout).toMatch(/^\{\n {4}"processes": \[\n {8}\{\n {12}"name": "ALIGN",/);
    expect(result.stderr).toContain('the script prints this');
    expect(existsSync(join(dir, 'work'))).toBe(false);
    expect(existsSync(join(dir, '.pipe'))).toBe(false);
  });

  it('applies -profile (a registry before names without one) and prints config lines with -format config', async () => {
    const dir = scratchDir({ 'main.nf': MAIN, 'nextflow.config': CONFIG });
    const result = await runPipe(['inspect', 'main.nf', '-profile', 'reg', '-format', 'config'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      "process { withName: 'ALIGN' { container = 'quay.io/biocontainers/samtools:1.0' } }",
      "process { withName: 'SORT' { container = 'registry.example.org/debian:stable-slim' } }",
      "process { withName: 'PLAIN' { container = 'null' } }",
      "process { withName: 'NEVER_CALLED' { container = 'registry.example.org/alpine:3' } }",
      '',
    ]);
  });

  it('a container that reads an input is an error naming it; -i warns and goes on; a bad -format is refused', async () => {
    const main = `process P {\n  container "img:\${x}"\n  input:\n  val x\n  script:\n  "true"\n}\nprocess Q {\n  container 'q:1'\n  script:\n  "true"\n}\nworkflow { P(channel.of(1)); Q() }\n`;
    const dir = scratchDir({ 'main.nf': main });
    const failed = await runPipe(['inspect', 'main.nf'], dir);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/main\.nf:2:\d+: unknown name `x`/);
    const ignored = await runPipe(['inspect', '-i', 'main.nf'], dir);
    expect(ignored.code, ignored.stderr).toBe(0);
    expect((JSON.parse(ignored.stdout) as Listing).processes).toEqual([{ name: 'Q', container: 'q:1' }]);
    expect(ignored.stderr).toContain('cannot inspect the container of process `P`');
    const bad = await runPipe(['inspect', '-format', 'yaml', 'main.nf'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected -format to be json or config, got "yaml"');
  });

  const held = 'docker.io/library/bash:4.4';
  const holds = spawnSync('podman', ['image', 'exists', held], { stdio: 'ignore', timeout: 15_000 }).status === 0;
  it.skipIf(!holds)(
    '-concretize has podman hold each image: a held one passes, one that cannot be had fails',
    async () => {
      const main = (image: string) => `process P {\n  container '${image}'\n  script:\n  "true"\n}\nworkflow { P() }\n`;
      const ok = await runPipe(['inspect', '-concretize', 'main.nf'], scratchDir({ 'main.nf': main(held) }));
      expect(ok.code, ok.stderr).toBe(0);
      expect((JSON.parse(ok.stdout) as Listing).processes).toEqual([{ name: 'P', container: held }]);
      const missing = 'localhost:1/pipe-no-such-image:0';
      const bad = await runPipe(['inspect', '-concretize', 'main.nf'], scratchDir({ 'main.nf': main(missing) }));
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain(`process \`P\`: podman has no image ${missing}`);
    },
  );
});
