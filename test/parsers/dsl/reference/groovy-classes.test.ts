// Groovy classes in a pipeline's lib/ directory (Nextflow puts lib/ on the classpath; docs: sharing.md, "The lib
// directory") and in scripts: static fields and methods, constructors, instance fields and methods, `this`.
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

const GREETER = `
import java.util.Date

class Greeter {
  static final String GREETING = 'Hello'
  static int made = 0
  private String name
  def times = 1

  Greeter(String name) {
    this.name = name
    made = made + 1
  }

  Greeter(String name, int times) {
    this.name = name
    this.times = times
    made = made + 1
  }

  static String hello(String who = 'world') { "\${GREETING} \${who}!" }

  static String shout(String who) {
    return hello(who).toUpperCase()
  }

  String greet() {
    (1..times).collect { "\${GREETING}, \${name}" }.join(' ')
  }

  void rename(String other) { name = other }

  String toString() { "Greeter(\${name})" }
}
`;

describe('Groovy classes in lib/', () => {
  it('calls static methods and reads static fields of a lib/ class', async () => {
    const { stdout, code } = await runScript(
      'println Greeter.hello()\nprintln Greeter.hello("pipe")\nprintln Greeter.shout("x")\nprintln Greeter.GREETING\n',
      [],
      { 'lib/Greeter.groovy': GREETER },
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['Hello world!', 'Hello pipe!', 'HELLO X!', 'Hello']);
  });

  it('makes instances with their constructors, fields and methods, this and toString', async () => {
    const { stdout, code } = await runScript(
      `
def a = new Greeter('Ann')
def b = new Greeter('Bob', 2)
println a.greet()
println b.greet()
a.rename('Eve')
println "\${a} \${a.times} made=\${Greeter.made}"
`,
      [],
      { 'lib/Greeter.groovy': GREETER },
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['Hello, Ann', 'Hello, Bob Hello, Bob', 'Greeter(Eve) 1 made=2']);
  });

  it('sets fields from named arguments when the class has no constructor, in a class defined in the script', async () => {
    const { stdout, code } = await runScript(`
class Sample {
  String id
  List reads = []
  int count() { reads.size() }
}
workflow {
  def s = new Sample(id: 'S1', reads: ['a.fq', 'b.fq'])
  println "\${s.id} \${s.count()}"
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['S1 2']);
  });

  it('refuses a lib/ file that holds more than classes, naming the file and line', async () => {
    const { stderr, code } = await runScript('println 1\n', [], { 'lib/Bad.groovy': 'class A {}\nprintln 2\n' });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/lib\/Bad\.groovy:2:1: a lib\/ file holds class definitions \(and imports\) only/);
  });
});
