// reference/process-typed.md (strict syntax): typed inputs and outputs, records, the stage: and topic: sections.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

describe('reference/process (typed): inputs and outputs', () => {
  it('emits records built from output expressions, and destructures record inputs', async () => {
    const { stdout, code } = await runScript(`
nextflow.enable.types = true
process TOUCH {
  input:
  id: String
  output:
  record(id: id, reads: file('*.fq'))
  script:
  "echo \${id} > \${id}.fq"
}
process COUNT {
  input:
  record(id: String, reads: Path)
  output:
  record(id: id, lines: stdout().trim())
  script:
  "cat \${reads} | wc -l"
}
process LABEL {
  input:
  sample: Sample
  output:
  sample + record(label: "\${sample.id}-\${sample.lines}")
  exec:
  true
}
record Sample {
  id: String
  lines: String
}
workflow {
  LABEL(COUNT(TOUCH(channel.of('a')))).view { r -> "\${r.id} \${r.lines} \${r.label}" }
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['a 1 a-1']);
  });

  it('names outputs `name: Type = expr` with env(), eval(), stdout() and file() captured after the script', async () => {
    const { stdout, code } = await runScript(`
process foo {
  input:
  message: String
  output:
  upper: String = message.toUpperCase()
  from_env: String = env('MESSAGE')
  from_eval: String = eval('echo $MESSAGE-eval')
  from_file: Path = file('message.txt')
  from_stdout: String = stdout()
  script:
  """
  export MESSAGE='\${message}-env'
  echo '\${message}' > message.txt
  printf 'out:\${message}'
  """
}
workflow {
  foo(channel.of('hi'))
  foo.out.upper.view { "upper=$it" }
  foo.out.from_env.view { "env=$it" }
  foo.out.from_eval.view { "eval=$it" }
  foo.out.from_file.view { "file=\${it.text.trim()}" }
  foo.out.from_stdout.view { "stdout=$it" }
}
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['env=hi-env', 'eval=hi-env-eval', 'file=hi', 'stdout=out:hi', 'upper=HI']);
  });

  it('passes null for a missing optional file to a nullable Path input, and stages files with stage:', async () => {
    const { stdout, code } = await runScript(`
process maybe {
  input:
  make: Boolean
  output:
  file('out.txt', optional: true)
  script:
  make ? 'echo made > out.txt' : 'true'
}
process show {
  input:
  input: Path?
  label: String
  stage:
  stageAs input, 'input.txt'
  env 'LABEL', label
  output:
  stdout()
  script:
  '[[ -f input.txt ]] && echo "$LABEL $(cat input.txt)" || echo "$LABEL empty"'
}
workflow {
  show(maybe(channel.of(true, false)), 'got').map { it.trim() }.toSortedList().view()
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['[got empty, got made]']);
  });

  it('sends topic: entries to their topic', async () => {
    const { stdout, code } = await runScript(`
process tool {
  input:
  index: Integer
  topic:
  record(name: 'tool', version: stdout().trim()) >> 'versions'
  script:
  "echo 1.\${index}"
}
workflow {
  tool(channel.of(1, 2))
  channel.topic('versions').map { r -> "\${r.name} \${r.version}" }.toSortedList().view()
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['[tool 1.1, tool 1.2]']);
  });
});

describe('reference/process (typed): files inside input values', () => {
  it('sees files in records and lists under the names they are staged as; groupBy gathers pairs by key', async () => {
    const { stdout, code } = await runScript(`
process make {
  input:
  id: String
  output:
  record(key: 'k', id: id, bam: file('bam'))
  script:
  "echo \${id} > bam"
}
process merge {
  debug true
  input:
  tuple(key: String, samples: List<Record>)
  stage:
  stageAs samples*.bam, 'bam?'
  script:
  "echo \${key}: \${samples*.bam.join(' ')} \$(cat bam1 bam2 | sort | tr '\\\\n' ' ')"
}
workflow {
  merge(make(channel.of('x', 'y')).map { r -> tuple(r.key, r) }.groupBy())
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['k: bam1 bam2 x y']);
  });
});

describe('reference/process: stageInMode and Path.copyTo', () => {
  it("copies inputs with stageInMode 'copy', so a task writing to one leaves the source alone", async () => {
    const { stdout, code, dir } = await runScript(
      `
process append {
  stageInMode 'copy'
  input:
  path x
  output:
  path x
  script:
  "echo more >> \${x}"
}
workflow {
  done = append(channel.of(file('data.txt'), file('data.txt')))
  done.subscribe { it.copyTo('out.txt') }
  done.collect().map { file('data.txt').text.trim() }.view()
}
`,
      [],
      { 'data.txt': 'base\n' },
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['base']);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('base\nmore\n');
  });
});
