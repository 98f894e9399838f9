// reference/workflow.md: subworkflows called from workflows, pipes headed by a fork of workflows without inputs, the
// fully qualified process names in the log and the task hash, and a failure while the workflow runs ending the run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

const REV_AND_UPPER = `
process foo {
  output: stdout
  script: "echo Hello"
}
process bar {
  input: file 'x'
  output: stdout
  script: "rev x"
}
process baz {
  input: file 'x'
  output: stdout
  script: "tr '[:lower:]' '[:upper:]' < x"
}
workflow flow1 {
  main:
  foo | bar | collectFile | set { result }
  emit: result
}
workflow flow2 {
  main:
  foo | baz | collectFile | set { result }
  emit: result
}
`;

// The `[ab/123456] Submitted process > NAME` lines of a run's .nextflow.log, as [hash, name] pairs.
function submitted(dir: string): [string, string][] {
  const log = readFileSync(join(dir, '.nextflow.log'), 'utf8');
  return [...log.matchAll(/\[([0-9a-f]{2}\/[0-9a-f]{6})\] Submitted process > (\S+)/g)].map((m) => [
    m[1] as string,
    m[2] as string,
  ]);
}

describe('reference/workflow: subworkflows', () => {
  it('heads a pipe with a fork of workflows without inputs, and names processes by their workflow path', async () => {
    const { stdout, code, dir } = await runScript(`${REV_AND_UPPER}
workflow both {
  emit: (flow1 & flow2) | mix | collectFile(name: 'both.txt')
}
workflow {
  both() | map { it.text.trim() } | view
}
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['HELLO', 'olleH']);
    expect(
      submitted(dir)
        .map(([, name]) => name)
        .sort(),
    ).toEqual(['both:flow1:bar', 'both:flow1:foo', 'both:flow2:baz', 'both:flow2:foo']);
  });

  it('runs one process called from two workflows on the same inputs as two tasks in two work dirs', async () => {
    const { code, dir } = await runScript(`
process foo {
  input: val x
  output: val x
  script: "echo \${x} > out.txt"
}
workflow flow1 {
  take: data
  main: foo(data)
  emit: foo.out
}
workflow flow2 {
  take: data
  main: foo(data)
  emit: foo.out
}
workflow {
  flow1('same')
  flow2('same')
}
`);
    expect(code).toBe(0);
    const tasks = submitted(dir);
    expect(tasks.map(([, name]) => name).sort()).toEqual(['flow1:foo', 'flow2:foo']);
    expect(new Set(tasks.map(([hash]) => hash)).size).toBe(2);
  });
});

describe('reference/workflow: a failure while the workflow runs', () => {
  it('ends the run with the error at once, cancelling running tasks instead of waiting for them', async () => {
    const { stderr, code, dir } = await runScript(
      `
process slow {
  output: stdout
  script: "sleep 600; echo done"
}
process quick {
  input: val x
  output: val x
  script: "sleep \${x == 2 ? 1 : 0}"
}
workflow {
  slow().view()
  quick(Channel.of(1, 2)).map { it == 2 ? it.noSuchMethod() : it }.view()
}
`,
      [],
      { 'nextflow.config': 'executor {\n  cpus = 4\n  queueSize = 4\n}\n' },
    );
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/main\.nf:13:\d+: operator `map` failed: unknown method `noSuchMethod`/);
    expect(stderr).toMatch(/run \S+ failed in .*, 1 cancelled/);
    expect(readFileSync(join(dir, '.nextflow.log'), 'utf8')).toContain('Submitted process > slow');
  });
});

// workflow.md "Process and workflow recursion": each iteration's outputs are the next one's inputs.
describe('reference/workflow: recursion', () => {
  it('recurse(…).until runs a process again on its own output, the output meeting the condition included', async () => {
    const { stdout, code } = await runScript(`
nextflow.preview.recursion = true
params.start = 4
workflow {
    count_down
        .recurse(params.start)
        .until { v -> v == 0 }
        .view { v -> "\${v}..." }
}
process count_down {
    input:
    val v
    output:
    val v
    exec:
    v = v - 1
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['3...', '2...', '1...', '0...']);
  });

  it('a workflow recurses on files with times(n), and `name.out` holds every iteration (read through a lambda `it -> it.text`)', async () => {
    const { stdout, code } = await runScript(
      `
nextflow.preview.recursion = true
process tick {
    input:
    path 'input.txt'
    output:
    path 'result.txt'
    script:
    """
    cat input.txt > result.txt
    echo "Task \${task.index} : tick" >> result.txt
    """
}
workflow clock {
    take: logfile
    main: tick(logfile)
    emit: tick.out
}
workflow {
    clock.recurse(file('start.txt')).times(2)
    clock.out.view(it -> it.text)
}
`,
      [],
      { 'start.txt': 'hello\n' },
    );
    expect(code).toBe(0);
    expect(stdout).toBe('hello\nTask 1 : tick\n\nhello\nTask 1 : tick\nTask 2 : tick\n\n');
  });
});
