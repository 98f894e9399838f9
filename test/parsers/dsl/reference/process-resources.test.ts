// reference/process.md (cpus, memory, time, errorStrategy 'retry') and reference/config.md (executor scope): the
// resources a retried attempt asks for are evaluated for it and reach the scheduler and the backend; the local
// executor's cpus, memory and queueSize limit what runs, and a task asking for more fails with Nextflow's message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

describe('reference/process: resources that grow with task.attempt', () => {
  it('schedules the retry with its own cpus: the second attempt asks for more than the executor has', async () => {
    const { stderr, code, dir } = await runScript(
      `
process grow {
  cpus { 2 * task.attempt }
  errorStrategy 'retry'
  maxRetries 2
  script:
  "[ \${task.attempt} -ge 2 ] || exit 3"
}
workflow { grow() }
`,
      [],
      { 'nextflow.config': 'executor {\n  cpus = 3\n}\n' },
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain('requirement exceeds available CPUs -- req: 4; avail: 3');
    const log = readFileSync(join(dir, '.nextflow.log'), 'utf8');
    expect(log.match(/Submitted process > grow/g)?.length).toBe(1); // the first attempt ran, asking for 2
  });

  it("gives the backend the retry's time limit: the first attempt is stopped at 1 s, the second has 60 s", async () => {
    const { stdout, code } = await runScript(`
process slow {
  debug true
  time { task.attempt == 1 ? 1.s : 60.s }
  errorStrategy 'retry'
  maxRetries 1
  script:
  "sleep 3; echo attempt \${task.attempt} took \${task.time}"
}
workflow { slow() }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['attempt 2 took 1m']);
  });

  it('evaluates a directive closure once per attempt, as a task config is resolved once', async () => {
    const { stdout } = await runScript(`
process foo {
  memory { def x = task.attempt * 1.GB; println "attempt: \$task.attempt; memory: \$x"; return x }
  errorStrategy { task.exitStatus == 5 && task.attempt < 3 ? 'retry' : 'terminate' }
  maxRetries 10
  script:
  "exit 5"
}
workflow { foo() }
`);
    expect(lines(stdout)).toEqual(['attempt: 1; memory: 1 GB', 'attempt: 2; memory: 2 GB', 'attempt: 3; memory: 3 GB']);
  });
});

describe('reference/config: the local executor', () => {
  it('fails a task asking for more cpus or memory than executor.cpus / executor.memory give', async () => {
    const config = { 'nextflow.config': 'executor {\n  cpus = 2\n  memory = 1.GB\n}\n' };
    const many = await runScript('process big {\n  cpus 4\n  script: "true"\n}\nworkflow { big() }\n', [], config);
    expect(many.code).not.toBe(0);
    expect(many.stderr).toContain('requirement exceeds available CPUs -- req: 4; avail: 2');
    const log = readFileSync(join(many.dir, '.nextflow.log'), 'utf8');
    expect(log).toContain("Error executing process > 'big'");
    const large = await runScript(
      'process big {\n  memory 2.GB\n  script: "true"\n}\nworkflow { big() }\n',
      [],
      config,
    );
    expect(large.code).not.toBe(0);
    expect(large.stderr).toContain('requirement exceeds available memory -- req: 2 GiB; avail: 1 GiB');
  });

  it('runs as many tasks at once as executor.cpus and queueSize allow, beyond the cores of the machine', async () => {
    const { stdout, code } = await runScript(
      `
process wait {
  input: val x
  output: stdout
  script:
  """
  touch \${launchDir}/started.\${x}
  while [ \\$(ls \${launchDir} | grep -c '^started') -lt 6 ]; do sleep 0.1; done
  echo \${x}
  """
}
workflow { wait(Channel.of(1..6)).collect().view { it.size() } }
`,
      [],
      { 'nextflow.config': 'executor {\n  cpus = 6\n  queueSize = 6\n}\n' },
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['6']);
  });
});
