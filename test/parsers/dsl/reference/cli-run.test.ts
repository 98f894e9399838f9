// reference/cli.md (`nextflow run`): positional arguments as `args`, `-process.*` / `-executor.*` config settings,
// and a process as the entry point (workflow.md "Process entry").
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

describe('reference/cli: run', () => {
  it('fills `args` with the words after the script that are not params', async () => {
    const { stdout, code } = await runScript(
      'println "alpha: ${params.alpha}"\nprintln "omega: ${params.omega}"\nprintln "args: ${args.join(\'_\')}"\n',
      ['--alpha', 'uno', '--omega', '--foo bar', 'a', 'b', 'c'],
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['alpha: uno', 'omega: --foo bar', 'args: a_b_c']);
  });

  it('reads -process.NAME and -executor.NAME as config settings over the config files', async () => {
    const script = `
process foo {
  script:
  "echo cpus=\${task.cpus} queue=\${task.queue}"
}
workflow { foo() }
`;
    const { stdout, code } = await runScript(script, ['-process.debug', '-process.cpus', '2', '-process.queue=long'], {
      'nextflow.config': "process.cpus = 1\nprocess.queue = 'short'\n",
    });
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['cpus=2 queue=long']);
  });

  it('runs the only process of a script with no workflow, its inputs taken from the params of their names', async () => {
    const script = `
process analyze {
  debug true
  input:
  val sampleId
  path dataFile
  val threads
  script:
  "echo \${sampleId} \${dataFile} \${threads}; wc -l < \${dataFile}"
}
`;
    const { stdout, code } = await runScript(
      script,
      ['--sampleId', 'S1', '--dataFile', 'data/in.txt', '--threads', '4'],
      { 'data/in.txt': 'a\nb\n' },
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['S1 in.txt 4', '2']);
  });

  it('runs the process `-entry process:NAME` names; a missing input param is an error naming it', async () => {
    const script = `
process a {
  debug true
  input:
  val x
  script:
  "echo a \${x}"
}
process b {
  debug true
  input:
  val y
  script:
  "echo b \${y}"
}
workflow { a('never') }
`;
    const run = await runScript(script, ['-entry', 'process:b', '--y', 'why']);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual(['b why']);
    const missing = await runScript(script, ['-entry', 'b']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Missing required parameter: --y/);
  });
});
