// reference/process.md: directives as task values, errorStrategy, debug, config selectors.
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

describe('reference/process: directives', () => {
  it('exposes task.memory and task.time as MemoryUnit and Duration, growing with task.attempt under retry', async () => {
    const { stdout, code } = await runScript(`
process foo {
  debug true
  memory { 1.GB * task.attempt }
  time { 1.h * task.attempt }
  errorStrategy { task.exitStatus == 5 && task.attempt < 3 ? 'retry' : 'terminate' }
  maxRetries 5
  script:
  """
  if [ ${'$'}{task.attempt} -lt 2 ]; then exit 5; fi
  echo "mem: ${'$'}{task.memory} time: ${'$'}{task.time} giga: ${'$'}{task.memory.toGiga()} attempt: ${'$'}{task.attempt}"
  """
}
workflow { foo() }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['mem: 2 GB time: 2h giga: 2 attempt: 2']);
  });

  it('stops retrying when the errorStrategy closure says terminate', async () => {
    const { code, dir } = await runScript(`
process foo {
  errorStrategy { task.exitStatus == 5 ? 'retry' : 'terminate' }
  maxRetries 5
  script:
  "exit 3"
}
workflow { foo() }
`);
    expect(code).not.toBe(0);
    const log = (await import('node:fs')).readFileSync(`${dir}/.nextflow.log`, 'utf8');
    expect(log.match(/Submitted process > foo/g)?.length).toBe(1);
    expect(log).not.toContain('Re-submitted');
  });

  it('makes every directive readable as task.<name>, task.ext a map (empty by default), executor local', async () => {
    const { stdout, code } = await runScript(`
process foo {
  penv 'mpi'
  disk 10.GB
  ext args: '--fast', when: 1
  exec:
  println "penv: \${task.penv} disk: \${task.disk} ext: \${task.ext.args} executor: \${task.executor}"
}
process bar {
  exec:
  println "ext: \${task.ext} args: \${task.ext.args}"
}
workflow { foo(); bar() }
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['ext: [:] args: null', 'penv: mpi disk: 10 GB ext: --fast executor: local']);
  });

  it('applies withLabel selectors as Nextflow does: /.*/ and !small select an unlabelled process', async () => {
    const script = `
process alpha {
  exec:
  println "alpha \${task.queue}"
}
process beta {
  label 'small'
  exec:
  println "beta \${task.queue}"
}
workflow { alpha(); beta() }
`;
    const negated = await runScript(script, ['-c', 'n.config'], {
      'n.config': "process {\n  withLabel: '!small' { queue = 'big' }\n  withLabel: small { queue = 'small' }\n}\n",
    });
    expect(lines(negated.stdout).sort()).toEqual(['alpha big', 'beta small']);
    const all = await runScript(script, ['-c', 'a.config'], {
      'a.config': 'process {\n  withLabel: /.*/ { queue = "all" }\n}\n',
    });
    expect(lines(all.stdout).sort()).toEqual(['alpha all', 'beta all']);
  });

  it('reads task.ext from config, closures evaluated per task, and blocks inside selectors', async () => {
    const { stdout, code } = await runScript(
      `
process foo {
  input:
  val x
  exec:
  println "\${x}: \${task.ext.args} \${task.ext.prefix}"
}
workflow { foo(Channel.of('a', 'b')) }
`,
      ['-c', 'ext.config'],
      {
        'ext.config':
          'process {\n  ext.args = { "--id \${x}" }\n  withName: foo {\n    ext { prefix = \'P\' }\n  }\n}\n',
      },
    );
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['a: --id a P', 'b: --id b P']);
  });
});
