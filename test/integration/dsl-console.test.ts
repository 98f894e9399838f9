import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const SCRIPT = `
process SAY {
  debug true
  input:
  val x
  script:
  """
  echo "said $x"
  """
}
process TAGGED {
  tag "t-$x"
  input:
  val x
  output:
  val x
  script:
  """
  true
  """
}
process ONCE {
  output:
  stdout
  script:
  """
  echo once
  """
}
workflow {
  println 'printed'
  log.info 'informed'
  log.warn 'warned'
  SAY(Channel.of(1, 2))
  TAGGED(Channel.of('a')).view { "viewed $it" }
  ONCE()
}
`;

describe('a .nf run: console output and .nextflow.log', () => {
  it('prints println, view and debug tasks to stdout, warnings to stderr, and logs each task as Nextflow does', async () => {
    const dir = scratchDir({ 'main.nf': SCRIPT });
    const first = await runPipe(['run', 'main.nf', '-q'], dir);
    expect(first.code).toBe(0);
    const out = first.stdout.split('\n');
    for (const line of ['printed', 'informed', 'said 1', 'said 2', 'viewed a']) expect(out).toContain(line);
    expect(first.stderr).toContain('WARN: warned');
    expect(first.stderr).not.toContain('printed');
    const log = readFileSync(join(dir, '.nextflow.log'), 'utf8');
    expect(log).toMatch(/^[A-Z][a-z]{2}-\d\d \d\d:\d\d:\d\d\.\d{3} \[main\] DEBUG nextflow\.cli\.Launcher - \$> /);
    expect(log).toMatch(
      /INFO {2}nextflow\.cli\.CmdRun - Launching `main\.nf` \[[^\]]+\] DSL2 - revision: [0-9a-f]{10}/,
    );
    expect(log).toMatch(/INFO {2}nextflow\.Session - \[[0-9a-f]{2}\/[0-9a-f]{6}\] Submitted process > SAY \(1\)\n/);
    expect(log).toContain('Submitted process > SAY (2)');
    expect(log).toContain('Submitted process > TAGGED (t-a)');
    expect(log).toMatch(/Submitted process > ONCE\n/);
    expect(log).toContain('INFO  nextflow.script.BaseScript - informed');

    const again = await runPipe(['run', 'main.nf', '-q', '-resume'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')).toContain('said 1');
    expect(existsSync(join(dir, '.nextflow.log.1'))).toBe(true);
    const resumed = readFileSync(join(dir, '.nextflow.log'), 'utf8');
    expect(resumed.match(/\] Cached process > /g)?.length).toBe(4);
    expect(resumed).not.toContain('Submitted process');
  });
});
