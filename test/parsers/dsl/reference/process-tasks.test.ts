// reference/process.md and reference/config.md on tasks: input names built from other inputs, values staged as
// files and resumed, `workflow.failOnIgnore`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe } from '../../../helpers/cli.js';
import { lines, runScript } from './helpers.js';

// The INFO lines of a run's .nextflow.log that contain `text`.
function logLines(dir: string, text: string): string[] {
  return readFileSync(join(dir, '.nextflow.log'), 'utf8')
    .split('\n')
    .filter((line) => line.includes(' INFO ') && line.includes(text));
}

describe('reference/process: tasks', () => {
  it('an input name may use the inputs declared before it; a value staged as a file resumes by its text', async () => {
    const script = `
process foo {
  input:
  each x
  file "my_\${x}.txt"
  output:
  file "my_\${x}.txt"
  script:
  """
  echo World >> my_\${x}.txt
  """
}
workflow {
  foo(['alpha', 'beta'], 'Hello\\n') | subscribe { println "\${it.name}: \${it.text.readLines()}" }
}
`;
    const first = await runScript(script);
    expect(first.code).toBe(0);
    expect(lines(first.stdout).sort()).toEqual(['my_alpha.txt: [Hello, World]', 'my_beta.txt: [Hello, World]']);
    expect(logLines(first.dir, 'Submitted process > foo')).toHaveLength(2);
    // the task appended to its staged input: the cache still knows the input by the value it was given
    const again = await runPipe(['-q', 'run', 'main.nf', '-resume'], first.dir);
    expect(again.code).toBe(0);
    expect(
      lines(again.stdout)
        .map((l) => l.split(':')[0])
        .sort(),
    ).toEqual(['my_alpha.txt', 'my_beta.txt']);
    expect(logLines(first.dir, 'Cached process > foo')).toHaveLength(2);
  });

  it('`fair true` emits the outputs in the order of the inputs, past tasks that end without outputs', async () => {
    const { stdout, code } = await runScript(`
process foo {
  fair true
  errorStrategy 'ignore'
  input:
  val x
  output:
  tuple val(task.index), val(x)
  script:
  """
  sleep \\$(( (5 - $x) % 3 ))
  if [ $x = 3 ]; then exit 1; fi
  """
}
workflow { channel.of(1, 2, 3, 4, 5) | foo | view }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['[1, 1]', '[2, 2]', '[4, 4]', '[5, 5]']);
  });

  it('a script in another language starts at its shebang and reads a `stdin` input', async () => {
    const { stdout, code } = await runScript(`
process perlTask {
  output:
  stdout
  shell:
  '''
    #!/usr/bin/env perl
    my $n = !{params.n};
    print "x$_\\n" for (1 .. $n);
  '''
}
process sumTask {
  debug true
  input:
  stdin
  script:
  '''
  #!/usr/bin/env perl
  my $lines = 0;
  while (<STDIN>) { $lines++ }
  print "lines: $lines\\n";
  '''
}
params.n = 3
workflow { perlTask | sumTask }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['lines: 3']);
  });

  it('a retry sees `task.previousTrace` and `task.previousException`; a plain number of memory is bytes', async () => {
    const { stdout, code } = await runScript(`
process foo {
  memory { task.attempt > 1 ? task.previousTrace.memory * 2 : 256.MB }
  errorStrategy 'retry'
  maxRetries 2
  input:
  val i
  output:
  stdout
  script:
  if (task.attempt <= 2) "exit 137"
  else "echo 'mem: $task.memory (previous: $task.previousTrace.memory) (error: $task.previousException)'"
}
workflow { foo(channel.of(1)).view() }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual([
      'mem: 1 GB (previous: 536870912) (error: nextflow.exception.ProcessFailedException: Process `foo (1)` terminated with an error exit status (137))',
      '',
    ]);
  });

  it('`workflow.failOnIgnore` ends a run whose failures were ignored with an error status', async () => {
    const script = `
process foo {
  errorStrategy 'ignore'
  input:
  val x
  output:
  val x
  script:
  "if [ $x = 2 ]; then exit 3; fi"
}
workflow { foo(channel.of(1, 2, 3)).collect() | view }
`;
    const ignored = await runScript(script);
    expect(ignored.code).toBe(0);
    expect(lines(ignored.stdout)).toHaveLength(1);
    expect(logLines(ignored.dir, 'Error is ignored')).toHaveLength(1);
    const failing = await runScript(script, [], { 'nextflow.config': 'workflow { failOnIgnore = true }\n' });
    expect(failing.code).not.toBe(0);
    expect(logLines(failing.dir, 'Error is ignored')).toHaveLength(1);
  });
});
