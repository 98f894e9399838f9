// Task names as Nextflow users read them, through the built CLI: `PROC (tag)`, else `PROC (n)`, in ids, `pipe
// tasks`, the trace, the report and `pipe why`; and `pipe tasks` names the tasks a failure left blocked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const MAIN = `
process A {
  tag "$x"
  input:
  val x
  output:
  val x
  script:
  "echo $x"
}
process B {
  input:
  val x
  output:
  stdout
  script:
  "echo $x"
}
process ONCE {
  output:
  stdout
  script:
  "echo once"
}
workflow {
  A(Channel.of('alpha', 'beta', 'alpha')) | B
  ONCE()
}
`;

describe('task names', () => {
  it('names .nf tasks PROC (tag), else PROC (n), in ids, pipe tasks, the trace and the report', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const result = await runPipe(
      ['-q', 'run', 'main.nf', '-with-trace', 'trace.txt', '-with-report', 'report.html'],
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    const tasks = await runPipe(['tasks'], dir);
    const ids = tasks.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s{2,}/)[0]);
    expect(ids.sort()).toEqual(['A (alpha)', 'A (alpha) #3', 'A (beta)', 'B (1)', 'B (2)', 'B (3)', 'ONCE']);
    const names = readFileSync(join(dir, 'trace.txt'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[3]);
    expect(names.sort()).toEqual(['A (alpha)', 'A (alpha) #3', 'A (beta)', 'B (1)', 'B (2)', 'B (3)', 'ONCE']);
    const report = readFileSync(join(dir, 'report.html'), 'utf8');
    for (const name of ['A (alpha)', 'A (beta)', 'B (3)']) expect(report).toContain(name);
    expect(report).not.toMatch(/\((A|B):\d+\)/);
    const why = await runPipe(['why', 'A (beta)'], dir);
    expect(why.code, why.stderr).toBe(0);
    expect(why.stdout).toContain('task A (beta) in run');
  });

  it("pipe why's hint names the id forms of every format and the closest id", async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    expect((await runPipe(['-q', 'run', 'main.nf'], dir)).code).toBe(0);
    const why = await runPipe(['why', 'A (alpa)'], dir);
    expect(why.code).toBe(2);
    expect(why.stderr).toContain('did you mean "A (alpha)"?');
    for (const form of ['a line number', 'a YAML id', '`PROC (tag)`', '`align[2]`']) expect(why.stderr).toContain(form);
  });

  it('pipe tasks names the tasks a failure left blocked', async () => {
    const flow = [
      'tasks:',
      '  - id: first',
      '    command: exit 3',
      '  - id: second',
      '    command: echo two',
      '    after: [first]',
      '  - id: other',
      '    command: echo other',
    ].join('\n');
    const dir = scratchDir({ 'flow.yaml': `${flow}\n` });
    expect((await runPipe(['run', 'flow.yaml', '-k', '--plain'], dir)).code).toBe(1);
    const tasks = await runPipe(['tasks'], dir);
    expect(tasks.stdout).toMatch(/second\s+not run\s.*blocked by a failed task/);
    const failed = await runPipe(['tasks', '--state', 'failed'], dir);
    expect(failed.stdout).not.toContain('second');
  });
});
