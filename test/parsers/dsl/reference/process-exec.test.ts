// reference/process.md (exec): native code runs for each input set in a task work dir of its own (task.workDir), and
// a -resume reuses what it computed without running it again, as Nextflow caches a native task; workflow.resume says
// whether the run resumes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe } from '../../../helpers/cli.js';
import { lines, runScript } from './helpers.js';

const script = `
process greet {
  input: val x
  output: val y
  exec:
  y = "Hello \${x}"
  task.workDir.resolve('file.txt').text = y
  file("\${launchDir}/ran.txt").append("\${x}\\n")
}
workflow {
  println "resume: \${workflow.resume}"
  greet(channel.of('world', 'moon')).map { it.toUpperCase() }.toSortedList().view()
}
`;

describe('reference/process: exec', () => {
  it('runs in a work dir of its own, and a -resume emits what it computed without running it again', async () => {
    const first = await runScript(script);
    expect(first.code, first.stderr).toBe(0);
    expect(lines(first.stdout)).toEqual(['resume: false', '[HELLO MOON, HELLO WORLD]']);
    const log = readFileSync(join(first.dir, '.nextflow.log'), 'utf8');
    const dirs = [...log.matchAll(/\[([0-9a-f]{2}\/[0-9a-f]{6})\] Submitted process > greet/g)].map((m) => m[1]);
    expect(dirs).toHaveLength(2);
    const again = await runPipe(['-q', 'run', 'main.nf', '-resume'], first.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(lines(again.stdout)).toEqual(['resume: true', '[HELLO MOON, HELLO WORLD]']);
    expect(readFileSync(join(first.dir, 'ran.txt'), 'utf8').split('\n').sort()).toEqual(['', 'moon', 'world']);
    const resumed = readFileSync(join(first.dir, '.nextflow.log'), 'utf8');
    expect(resumed.match(/Cached process > greet/g)).toHaveLength(2);
  });

  it('runs the code again on -resume when an input file changed', async () => {
    const counted = `
process count {
  input: path f
  output: val n
  exec:
  n = f.text.readLines().size()
}
workflow { count(channel.fromPath('data.txt')).view() }
`;
    const first = await runScript(counted, [], { 'data.txt': 'a\nb\n' });
    expect(lines(first.stdout)).toEqual(['2']);
    const cached = await runPipe(['-q', 'run', 'main.nf', '-resume'], first.dir);
    expect(lines(cached.stdout)).toEqual(['2']);
    writeFileSync(join(first.dir, 'data.txt'), 'a\nb\nc\n');
    const changed = await runPipe(['-q', 'run', 'main.nf', '-resume'], first.dir);
    expect(lines(changed.stdout)).toEqual(['3']);
    const log = readFileSync(join(first.dir, '.nextflow.log'), 'utf8');
    expect(log).toMatch(/Submitted process > count/);
  });
});
