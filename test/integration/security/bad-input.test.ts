// Input pipe cannot read as written is refused with one located line and exit 2, never changed or ignored.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../../helpers/cli.js';

// A YAML document of nested aliases that would expand to 9^9 strings, under `prefix`.
function aliasBomb(prefix: string): string {
  const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
  let previous = 'a';
  for (const name of 'bcdefghi') {
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  return `${prefix}${lines.map((line) => `x${line}`).join('\n')}\n`;
}

const CYCLE = `cwlVersion: v1.2
class: Workflow
inputs: []
outputs: []
steps:
  a:
    run: {class: CommandLineTool, baseCommand: echo, inputs: {x: Any?}, outputs: {o: stdout}}
    in: {x: b/o}
    out: [o]
  b:
    run: {class: CommandLineTool, baseCommand: echo, inputs: {x: Any?}, outputs: {o: stdout}}
    in: {x: a/o}
    out: [o]
`;

const ECHO_PROCESS = "process A {\n  script:\n  'echo hi'\n}\nworkflow {\n  A()\n}\n";

// [what, files, arguments, the error line expected on stderr]
const refused: readonly [string, Record<string, string | Buffer>, string[], RegExp][] = [
  [
    'invalid UTF-8 in a task list',
    { 'tasks.txt': Buffer.from([...Buffer.from('echo ok\necho ab'), 0xff, ...Buffer.from(' c\n')]) },
    ['run', 'tasks.txt'],
    /^pipe: error: \S*tasks\.txt:2:8: the task list is not valid UTF-8 text/,
  ],
  [
    'a YAML alias bomb in a task list',
    { 'tasks.yaml': aliasBomb('tasks:\n  - echo hi\n') },
    ['run', 'tasks.yaml'],
    /^pipe: error: \S*tasks\.yaml:4:\d+: invalid YAML: its aliases expand to too much data/,
  ],
  [
    'a YAML alias bomb in a CWL document',
    { 'bomb.cwl': aliasBomb('cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\ninputs: []\noutputs: []\n') },
    ['run', 'bomb.cwl'],
    /^pipe: error: \S*bomb\.cwl:7:\d+: invalid YAML: its aliases expand to too much data/,
  ],
  ['a missing main.nf', {}, ['run', 'main.nf'], /^pipe: error: \S*main\.nf: DSL script `\S*main\.nf` does not exist$/],
  ['a missing .cwl', {}, ['run', 'wf.cwl'], /^pipe: error: \S*wf\.cwl: CWL document `\S*wf\.cwl` does not exist$/],
  [
    'a DSL process without a script section',
    { 'main.nf': 'process A {\n  input:\n  val x\n}\nworkflow {\n  A(1)\n}\n' },
    ['run', 'main.nf'],
    /^pipe: error: \S*main\.nf:1:1: process `A` has no `script:`, `shell:` or `exec:` section/,
  ],
  [
    "memory '4 XB' in a process",
    { 'main.nf': "process A {\n  memory '4 XB'\n  script:\n  'echo hi'\n}\nworkflow {\n  A()\n}\n" },
    ['run', 'main.nf'],
    /^pipe: error: \S*main\.nf:2:3: `memory` is "4 XB", which is not a size with a unit/,
  ],
  [
    'process.cpus = "many" in nextflow.config',
    { 'main.nf': ECHO_PROCESS, 'nextflow.config': 'process.cpus = "many"\n' },
    ['run', 'main.nf'],
    /^pipe: error: \S*nextflow\.config:1:16: `cpus` is "many", which is not a whole number of at least 1/,
  ],
  [
    'a cycle between CWL steps (pipe check)',
    { 'wf.cwl': CYCLE },
    ['check', 'wf.cwl'],
    /^pipe: error: \S*wf\.cwl:\d+:\d+: cycle: a → b → a$/,
  ],
  [
    'a cycle between CWL steps (pipe run)',
    { 'wf.cwl': CYCLE },
    ['run', 'wf.cwl'],
    /^pipe: error: \S*wf\.cwl:\d+:\d+: cycle: a → b → a$/,
  ],
  [
    'a DSL function that recurses without end (pipe check)',
    { 'main.nf': 'def f(n) {\n  f(n + 1)\n}\nworkflow {\n  f(1)\n}\n' },
    ['check', 'main.nf'],
    /^pipe: error: \S*main\.nf:2:3: calls nest too deep here$/,
  ],
  [
    'a DSL while loop without end (pipe check)',
    { 'main.nf': 'workflow {\n  def i = 0\n  while (i < 3) { }\n}\n' },
    ['check', 'main.nf'],
    /^pipe: error: \S*main\.nf:3:3: the loop ran 1,000,000 times$/,
  ],
  [
    'a DSL range too long to make (pipe check)',
    { 'main.nf': 'workflow {\n  for (i in 1..4000000000) { }\n}\n' },
    ['check', 'main.nf'],
    /^pipe: error: \S*main\.nf:2:13: the range `1\.\.4000000000` is too long$/,
  ],
  [
    'an invalid pipe.yaml section of a backend the run does not use',
    { 'tasks.txt': 'echo hi\n', 'pipe.yaml': 'backends:\n  slurm:\n    queue: 42\n' },
    ['run', 'tasks.txt'],
    /^pipe: error: \S*pipe\.yaml:3:12: invalid value `42` for `backends\.slurm\.queue`/,
  ],
];

describe('bad input', () => {
  it.each(refused)('refuses %s with a located error line and exit 2', async (_what, files, args, pattern) => {
    const dir = scratchDir();
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const result = await runPipe(args, dir);
    expect(result.stderr).toMatch(new RegExp(pattern.source, 'm'));
    expect(result.stderr).not.toContain('bug in pipe');
    expect(result.stderr).not.toContain('    at ');
    expect(result.code).toBe(2);
  });

  it('runs a 1 MB task-list line from a script file, not as one argument the kernel refuses', async () => {
    const dir = scratchDir({ 'long.txt': `printf %s ${'x'.repeat(1_000_000)} | wc -c\n` });
    const result = await runPipe(['run', 'long.txt'], dir);
    expect(result.stderr).not.toContain('exit code 126');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('1000000');
  });
});
