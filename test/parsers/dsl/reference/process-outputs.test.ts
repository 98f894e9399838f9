// reference/process.md (outputs): `eval` outputs, the `topic:` option with channel.topic (reference/channel.md),
// and `task.exitStatus` in an output.
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

describe('reference/process: eval outputs', () => {
  it('emits the standard output of a command run in the task environment after the script', async () => {
    const { stdout, code } = await runScript(`
process sayHello {
  input:
  val greeting
  output:
  eval 'echo $GREETING', emit: said
  eval "printf %s \${greeting.size()}"
  script:
  """
  export GREETING='\${greeting} world'
  """
}
workflow {
  sayHello('Hello')
  sayHello.out.said.view { "said: $it" }
  sayHello.out[1].view { "size: $it" }
}
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['said: Hello world', 'size: 5']);
  });

  it('fails the task when the command fails', async () => {
    const { code, stderr } = await runScript(`
process broken {
  output:
  eval 'exit 3'
  script:
  'true'
}
workflow { broken() }
`);
    expect(code).not.toBe(0);
    expect(stderr).toContain('status 3');
  });
});

describe('reference/channel: topic', () => {
  it('collects every output sent to a topic, from processes called before or after the topic is read', async () => {
    const { stdout, code } = await runScript(`
process foo {
  input:
  val x
  output:
  val "foo-$x", topic: versions
  script:
  'true'
}
process bar {
  output:
  stdout topic: 'versions'
  script:
  'printf bar'
}
workflow {
  channel.topic('versions').collect().map { it.sort() }.view()
  foo(channel.of(1, 2))
  bar()
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['[bar, foo-1, foo-2]']);
  });
});

describe('reference/process: task.exitStatus', () => {
  it('is the exit status of the script, readable in an output', async () => {
    const { stdout, code } = await runScript(`
process foo {
  output:
  val task.exitStatus
  script:
  'exit 0'
}
workflow { foo().view { "exit_status=$it" } }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['exit_status=0']);
  });
});
