import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const RETRY_IGNORE_EXEC_ENV = `
process FLAKY {
  errorStrategy 'retry'
  maxRetries 2
  input:
  val x
  output:
  stdout
  script:
  """
  echo "attempt \${task.attempt}"
  [ \${task.attempt} -ge 2 ]
  """
}
process BAD {
  errorStrategy 'ignore'
  input:
  val x
  output:
  val x
  script:
  """
  [ $x -ne 2 ]
  """
}
process GREET {
  input:
  val name
  output:
  val greeting
  exec:
  greeting = "hello $name".toUpperCase()
}
process ENVY {
  input:
  val x
  output:
  tuple val(x), env(RESULT)
  script:
  '''
  RESULT="value-$((2 * 21))"
  '''
}
workflow {
  FLAKY(Channel.of(1)).view { "flaky: \${it.trim()}" }
  BAD(Channel.of(1..3)).collect().view { "bad: \${it.sort()}" }
  GREET(Channel.of('a', 'b')).toSortedList().view { "greet: $it" }
  ENVY(7).view { "envy: $it" }
}
`;

const STUBBED = `
process REPORT {
  publishDir 'results', mode: 'copy'
  output:
  path 'report.txt'
  script:
  "exit 3"
  stub:
  "echo stubbed > report.txt"
}
workflow {
  REPORT()
}
`;

describe('DSL process features end to end', () => {
  it('re-renders task.attempt per retry, ignores failures under errorStrategy ignore, runs exec: code without a task and reads env outputs', async () => {
    const dir = scratchDir({ 'main.nf': RETRY_IGNORE_EXEC_ENV });
    const result = await runPipe(['run', 'main.nf', '-retry-delay', '0'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('flaky: attempt 2');
    expect(result.stdout).toContain('bad: [1, 3]');
    expect(result.stderr).toContain("(ignored: errorStrategy 'ignore')");
    expect(result.stdout).toContain('greet: [HELLO A, HELLO B]');
    expect(result.stdout).toContain('envy: [7, value-42]');
    expect(result.stderr).toMatch(/4 succeeded, 0 cached, 1 failed/);
  });

  it('runs the stub: section under -stub-run and the script otherwise', async () => {
    const dir = scratchDir({ 'main.nf': STUBBED });
    const stubbed = await runPipe(['run', 'main.nf', '-stub-run'], dir);
    expect(stubbed.code).toBe(0);
    expect(readFileSync(join(dir, 'results', 'report.txt'), 'utf8')).toBe('stubbed\n');
    const real = await runPipe(['run', 'main.nf'], scratchDir({ 'main.nf': STUBBED }));
    expect(real.code).toBe(1);
    expect(real.stderr).toContain('exited with status 3');
  });

  it('takes the backend from process.executor and names an unsupported executor with its location', async () => {
    const local = await runPipe(
      ['run', 'main.nf', '-stub'],
      scratchDir({ 'main.nf': STUBBED, 'nextflow.config': "process.executor = 'local'\n" }),
    );
    expect(local.code).toBe(0);
    expect(local.stderr).toMatch(/on local/);
    const sge = await runPipe(
      ['run', 'main.nf'],
      scratchDir({ 'main.nf': STUBBED, 'nextflow.config': "process {\n  executor = 'sge'\n}\n" }),
    );
    expect(sge.code).toBe(2);
    expect(sge.stderr).toMatch(/nextflow\.config:2:\d+: the executor `sge` is not supported/);
    expect(sge.stderr).toContain('local, slurm, pbs, pbspro, torque');
  });
  it('sends branch cases and multiMap labels to the processes that consume them as `.small`, `.large`, `.doubled`', async () => {
    const forked = `
process SMALL {
  publishDir 'results/small', mode: 'copy'
  input:
  val x
  output:
  path "small_\${x}.txt"
  script:
  """
  echo "small $x" > small_\${x}.txt
  """
}
process LARGE {
  publishDir 'results/large', mode: 'copy'
  input:
  val x
  output:
  path "large_\${x}.txt"
  script:
  """
  echo "large $x" > large_\${x}.txt
  """
}
process PAIR {
  publishDir 'results/pair', mode: 'copy'
  input:
  val doubled
  val label
  output:
  path "pair_\${doubled}.txt"
  script:
  """
  echo "$label" > pair_\${doubled}.txt
  """
}
workflow {
  numbers = Channel.of(1, 3, 7, 9)
  sized = numbers.branch { small: it < 5; large: true }
  SMALL(sized.small)
  LARGE(sized.large)
  parts = numbers.multiMap { n ->
    doubled: n * 2
    label: "n$n"
  }
  PAIR(parts.doubled, parts.label)
}
`;
    const dir = scratchDir({ 'main.nf': forked });
    const result = await runPipe(['run', 'main.nf'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/8 succeeded, 0 cached, 0 failed/);
    expect(readdirSync(join(dir, 'results', 'small')).sort()).toEqual(['small_1.txt', 'small_3.txt']);
    expect(readdirSync(join(dir, 'results', 'large')).sort()).toEqual(['large_7.txt', 'large_9.txt']);
    expect(readFileSync(join(dir, 'results', 'large', 'large_9.txt'), 'utf8')).toBe('large 9\n');
    expect(readFileSync(join(dir, 'results', 'pair', 'pair_14.txt'), 'utf8')).toBe('n7\n');
    expect(readdirSync(join(dir, 'results', 'pair')).sort()).toEqual([
      'pair_14.txt',
      'pair_18.txt',
      'pair_2.txt',
      'pair_6.txt',
    ]);
  });
});

describe('DSL failures inside operator closures', () => {
  const withTask = (closure: string): string =>
    `process A {\n  output:\n  stdout\n  script:\n  "echo x"\n}\nworkflow {\n  A().map {\n    ${closure}\n  }.view()\n}\n`;

  it('reports a script mistake in a closure at the closure line and column, exit 2, without a stack trace', async () => {
    const dir = scratchDir({ 'main.nf': withTask('it.nope()') });
    const result = await runPipe(['run', 'main.nf'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/main\.nf:9:5: operator `map` failed: unknown method `nope` on String/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('reports a file the closure cannot read at the closure line and column, exit 1, without a stack trace', async () => {
    const dir = scratchDir({ 'main.nf': withTask("file('/nonexistent/pipe-test.txt').text") });
    const result = await runPipe(['run', 'main.nf'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/main\.nf:9:5: operator `map` failed: cannot read `\/nonexistent\/pipe-test\.txt`/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
