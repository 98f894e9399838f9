// reference/process.md: script templates, shell sections, and Channel.from (reference/channel.md).
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

describe('reference/process: templates and shell', () => {
  it('renders `template` files from templates/: $name and ${expr} in a script, !{expr} in a shell section', async () => {
    const { stdout, code } = await runScript(
      `
params.who = 'world'
process script_t {
  debug true
  input:
  val x
  script:
  template 'hello.sh'
}
process shell_t {
  debug true
  input:
  val x
  shell:
  template 'hello-shell.sh'
}
process inline_shell {
  debug true
  shell:
  '''
  N=3; echo "inline !{params.who} $N"
  '''
}
workflow {
  script_t('a')
  shell_t('b')
  inline_shell()
}
`,
      [],
      {
        'templates/hello.sh': 'echo "script $x ${x.toUpperCase()} \\$HOME-kept ${params.who}"\n',
        'templates/hello-shell.sh': 'V=1; echo "shell !{x} $V !{params.who}"\n',
      },
    );
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual([
      'inline world 3',
      `script a A ${process.env.HOME}-kept world`,
      'shell b 1 world',
    ]);
  });
});

describe('reference/channel: Channel.from (deprecated)', () => {
  it('emits its arguments one by one, and a single list item by item', async () => {
    const { stdout, code } = await runScript(`
workflow {
  Channel.from('a', 'b').view()
  Channel.from([1, 2]).view()
}
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['1', '2', 'a', 'b']);
  });
});

describe('reference/workflow: multiple assignment from a call', () => {
  it('spreads the outputs of a process and of a workflow over `(a, b) = CALL(ch)`', async () => {
    const { stdout, code } = await runScript(`
process two {
  input:
  val x
  output:
  val a
  val b
  exec:
  a = x * 10
  b = x + 1
}
workflow pair {
  take:
  ch
  main:
  two(ch)
  emit:
  first = two.out[0]
  second = two.out[1]
}
workflow {
  (p, q) = two(Channel.of(1))
  p.view { "p $it" }
  q.view { "q $it" }
  (r, s) = pair(Channel.of(2))
  r.view { "r $it" }
  s.view { "s $it" }
}
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['p 10', 'q 2', 'r 20', 's 3']);
  });
});

describe('reference/script: implicit entry workflow and character ranges', () => {
  it('runs a script made only of statements, and ranges of characters', async () => {
    const { stdout, code } = await runScript(`
println "range: \${('a'..'e').join('')}"
Channel.of(1, 2).map { it * 2 }.view()
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['2', '4', 'range: abcde']);
  });
});

describe('reference/process (legacy syntax): the script without `script:`', () => {
  it('runs a bare string ending the process after its output section, and formats with printf', async () => {
    const { stdout, code } = await runScript(`
process A {
  input:
  val x
  output:
  stdout
  """
  printf 'task %s\\n' ${'$'}{x}
  """
}
workflow {
  A(Channel.of(1, 2)).map { it.trim() }.view()
  printf('%-3s|%05.1f|%,d%n', 'ab', 2.25, 1234567)
  println workDir.name
}
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['ab |002.3|1,234,567', 'task 1', 'task 2', 'work']);
  });
});
