// reference/process.md: the `storeDir` directive, `each` inputs, legacy `file` inputs given a value; and the file
// operations of stdlib-types.md's Path (copyTo, moveTo, mkdirs, text writes).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe } from '../../../helpers/cli.js';
import { lines, runScript } from './helpers.js';

describe('reference/process: storeDir', () => {
  const script = `
process greet {
  storeDir 'cache'
  input:
  val word
  output:
  path "\${word}.txt"
  script:
  "printf \${word} > \${word}.txt"
}
workflow {
  channel.of('Hello', 'Ciao') | greet | map { it.text + ' ' + it.parent.name } | view
}
`;
  it('runs a task whose outputs are not stored, stores them, and skips it once they are', async () => {
    const first = await runScript(script);
    expect(first.code).toBe(0);
    expect(lines(first.stdout).sort()).toEqual(['Ciao cache', 'Hello cache']);
    expect(readFileSync(join(first.dir, 'cache', 'Hello.txt'), 'utf8')).toBe('Hello');
    const again = await runPipe(['-q', 'run', 'main.nf'], first.dir);
    expect(again.code).toBe(0);
    expect(
      lines(again.stdout)
        .filter((l) => !l.startsWith('[skipping]'))
        .sort(),
    ).toEqual(['Ciao cache', 'Hello cache']);
    const log = readFileSync(join(first.dir, '.nextflow.log'), 'utf8');
    expect(log.match(/\[skipping\] Stored process > greet/g)).toHaveLength(2);
    expect(log).not.toMatch(/Submitted process/);
  });
});

describe('reference/process: inputs', () => {
  it('an `each` input runs the process once per item and emits a queue channel, even with value inputs', async () => {
    const { stdout, code } = await runScript(`
process pair {
  input:
  each x
  val y
  output:
  val "\${x}-\${y}"
  exec:
  true
}
workflow { pair(['a', 'b', 'c'], 'v').collect().map { it.sort() }.view() }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['[a-v, b-v, c-v]']);
  });

  it('a legacy `file` input given a value stages the value as a file, under its declared name', async () => {
    const { stdout, code } = await runScript(`
process show {
  debug true
  input:
  file 'data.txt'
  file x
  script:
  "cat data.txt; cat $x; echo; echo $x"
}
workflow { show('one\\n', 'two') }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['one', 'two', 'input.2']);
  });
});

describe('reference/stdlib-types: Path file operations', () => {
  it('copies into a directory or to a name, moves, makes directories and writes text', async () => {
    const { stdout, code, dir } = await runScript(`
def src = file('a.txt')
src.text = 'alpha'
file('out/sub').mkdirs()
println src.copyTo('out/sub').name
println src.copyTo('b.txt').text
src.append('!')
println file('b.txt').moveTo('out/c.txt').text
println file('out').list()
println file('b.txt').exists()
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['a.txt', 'alpha', 'alpha', '[c.txt, sub]', 'false']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('alpha!');
    expect(existsSync(join(dir, 'out', 'sub', 'a.txt'))).toBe(true);
  });
});

describe('reference/process: scripts and output patterns', () => {
  it('a script section ending in if/else runs the branch taken', async () => {
    const { stdout, code } = await runScript(`
process yesOrNo {
  debug true
  input:
  val x
  script:
  if (x == 1) {
    'echo YES'
  }
  else {
    'echo NO'
  }
}
workflow { channel.of(1, 2) | yesOrNo }
`);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['NO', 'YES']);
  });

  it('a backslash escapes glob characters; an input name and `glob: false` are taken literally', async () => {
    const { stdout, code } = await runScript(
      `
process foo {
  input:
  path x
  output:
  path x
  path 'file-\\\\*.txt'
  path 'file-?.txt', glob: false
  script:
  '''
  touch file-\\\\*.txt file-\\\\?.txt file-a.txt
  '''
}
workflow {
  foo(channel.fromPath("data/file\\\\[a-b\\\\].txt"))
  foo.out[0].view { "0: \${it.name}" }
  foo.out[1].view { "1: \${it.name}" }
  foo.out[2].view { "2: \${it.name}" }
}
`,
      [],
      { 'data/file[a-b].txt': 'x', 'data/filea.txt': 'y' },
    );
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['0: file[a-b].txt', '1: file-*.txt', '2: file-?.txt']);
  });
});
