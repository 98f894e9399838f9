// reference/process.md inputs and outputs: `each` over a channel of lists, staged names escaped in scripts, legacy
// `file` outputs naming several patterns; stdlib: System.properties.
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

describe('reference/process: inputs and outputs', () => {
  it('`each` repeats over the items of a queue channel as they are, and over the elements of a list value', async () => {
    const { stdout, code } = await runScript(`
process foo {
  debug true
  input:
  each v
  script:
  "echo foo $v"
}
process bar {
  debug true
  input:
  each v
  script:
  "echo bar $v"
}
workflow {
  foo(channel.of(['a', 'b'], ['c', 'd']))
  bar(['x', 'y'])
}
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['bar x', 'bar y', 'foo [a, b]', 'foo [c, d]']);
  });

  it('staged input names print escaped for the shell in scripts', async () => {
    const { stdout, code } = await runScript(
      `
process show {
  debug true
  input:
  path x
  path y
  script:
  """
  echo "X: \${x}; \${y}"
  cat \${x}
  """
}
workflow { show(file('a b.txt'), channel.fromPath(['c.txt', 'd e.txt']).collect()) }
`,
      [],
      { 'a b.txt': 'content\n', 'c.txt': '', 'd e.txt': '' },
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['X: a\\ b.txt; c.txt d\\ e.txt', 'content']);
  });

  it('a legacy `file` output names several patterns separated by `:`', async () => {
    const { stdout, code } = await runScript(`
process parts {
  output:
  file 'p1:p3'
  script:
  "touch p1 p2 p3"
}
workflow { parts() | flatten | map { it.name } | view }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['p1', 'p3']);
  });
});

describe('reference/stdlib: System', () => {
  it('reads System.properties and System.getProperty', async () => {
    const { stdout, code } = await runScript(
      "println System.properties['os.name']\nprintln System.getProperty('file.separator')\nprintln System.getProperty('no.such', 'dflt')\n",
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['Linux', '/', 'dflt']);
  });
});

describe('reference/workflow: workflow.exitStatus', () => {
  it('is the exit status of the task that failed the run, in onError and onComplete', async () => {
    const { stdout, code } = await runScript(`
process fail {
  script:
  "exit 99"
}
workflow {
  fail()
  workflow.onError = { println "success: $workflow.success exitStatus: $workflow.exitStatus" }
}
`);
    expect(code).not.toBe(0);
    expect(lines(stdout)).toEqual(['success: false exitStatus: 99']);
  });
});

describe('reference/stdlib: env()', () => {
  it('reads an environment variable of the launch, null when unset', async () => {
    const { stdout, code } = await runScript(
      "println env('PIPE_TEST_ENV_VALUE')\nprintln env('PIPE_TEST_ENV_UNSET_XYZ')\n",
      [],
      {},
      { PIPE_TEST_ENV_VALUE: 'here' },
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['here', 'null']);
  });
});
