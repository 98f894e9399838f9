// A workflow's output patterns, publish rules and stage names cannot write or delete outside the run's own places.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../../helpers/cli.js';

// A scratch root holding a launch dir with a sentinel file, and a sentinel beside the launch dir.
function launchDir(files: Record<string, string>): { root: string; launch: string } {
  const root = scratchDir({ 'beside.txt': 'keep\n' });
  const launch = join(root, 'launch');
  mkdirSync(launch);
  writeFileSync(join(launch, 'sentinel.txt'), 'keep\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(launch, name), text);
  return { root, launch };
}

// A DSL process writing `a.txt`, published to results/ with extra publishDir options and output declaration.
function publishing(options: string, output = "path 'a.txt'"): string {
  return `process P {\n  publishDir 'results', mode: 'copy'${options}\n  output:\n  ${output}\n  script:\n  "echo new > a.txt"\n}\nworkflow {\n  P()\n}\n`;
}

describe('DSL paths that leave the run', () => {
  it('refuses an output glob that leaves the work dir, and deletes nothing', async () => {
    const { root, launch } = launchDir({ 'main.nf': publishing('', "path '../../*'") });
    const result = await runPipe(['run', 'main.nf'], launch);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("output pattern `../../*` points outside the task's work dir");
    expect(readFileSync(join(launch, 'sentinel.txt'), 'utf8')).toBe('keep\n');
    expect(readFileSync(join(root, 'beside.txt'), 'utf8')).toBe('keep\n');
  });

  it('refuses a saveAs target that would replace the launch dir', async () => {
    const { launch } = launchDir({ 'main.nf': publishing(", saveAs: { '..' }") });
    const result = await runPipe(['run', 'main.nf'], launch);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/publishDir: publish target `[^`]*launch` would replace `[^`]*launch/);
    expect(readFileSync(join(launch, 'sentinel.txt'), 'utf8')).toBe('keep\n');
  });

  it('never replaces an existing directory outside the publishDir, but writes new files there as Nextflow does', async () => {
    const { root, launch } = launchDir({ 'main.nf': publishing(", saveAs: { '../../beside' }") });
    mkdirSync(join(root, 'beside'));
    writeFileSync(join(root, 'beside', 'data.txt'), 'keep\n');
    const refused = await runPipe(['run', 'main.nf'], launch);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is an existing directory outside the publishDir');
    expect(readFileSync(join(root, 'beside', 'data.txt'), 'utf8')).toBe('keep\n');

    writeFileSync(join(launch, 'main.nf'), publishing(", saveAs: { '../../new.txt' }"));
    const allowed = await runPipe(['run', 'main.nf'], launch);
    expect(allowed.code).toBe(0);
    expect(readFileSync(join(root, 'new.txt'), 'utf8')).toBe('new\n');
  });

  it('refuses a stage name with .. at its file:line:col', async () => {
    const script = [
      'process P {',
      '  input:',
      "  path x, stageAs: '../../x'",
      '  script:',
      '  "cat x"',
      '}',
      'workflow {',
      "  P(file('in.txt'))",
      '}',
      '',
    ].join('\n');
    const { root, launch } = launchDir({ 'main.nf': script, 'in.txt': 'data\n' });
    const result = await runPipe(['run', 'main.nf'], launch);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      /main\.nf:3:\d+: input stage name `\.\.\/\.\.\/x` points outside the task's work dir/,
    );
    expect(existsSync(join(launch, 'work', 'x'))).toBe(false);
    expect(existsSync(join(root, 'launch', 'x'))).toBe(false);
  });
});

// A CommandLineTool writing a.txt, whose output `f` is what `outputEval` makes of the glob's files.
function toolWithOutputEval(outputEval: string): string {
  return [
    'cwlVersion: v1.2',
    'class: CommandLineTool',
    'requirements: {InlineJavascriptRequirement: {}}',
    'baseCommand: [sh, -c, "echo new > a.txt"]',
    'inputs: []',
    'outputs:',
    '  f:',
    '    type: File',
    '    outputBinding:',
    '      glob: a.txt',
    `      outputEval: ${JSON.stringify(outputEval)}`,
    '',
  ].join('\n');
}

// An ExpressionTool with one File input `x` and one File output `f` that `expression` gives.
function expressionToolReturning(expression: string): string {
  return [
    'cwlVersion: v1.2',
    'class: ExpressionTool',
    'requirements: {InlineJavascriptRequirement: {}}',
    'inputs: {x: File}',
    'outputs: {f: File}',
    `expression: ${JSON.stringify(expression)}`,
    '',
  ].join('\n');
}

describe('CWL output files that leave the run', () => {
  it.each([
    [
      'an ExpressionTool',
      expressionToolReturning("${ return {f: {class: 'File', location: 'file:///etc/hostname'}}; }"),
    ],
    ['an outputEval', toolWithOutputEval("$({class: 'File', location: 'file:///etc/hostname'})")],
  ])('refuses a File that %s places outside the work dir and the inputs', async (_what, document) => {
    const { launch } = launchDir({ 'p.cwl': document, 'x.txt': 'x\n', 'job.yml': 'x: {class: File, path: x.txt}\n' });
    const result = await runPipe(['run', '--outdir', 'out', 'p.cwl', 'job.yml'], launch);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'path `/etc/hostname` must be within the designated output directory or an input file passed through',
    );
    expect(existsSync(join(launch, 'out', 'hostname'))).toBe(false);
  });

  it('refuses an output basename with .. and writes nothing outside --outdir', async () => {
    const document = toolWithOutputEval("${ var f = self[0]; f.basename = '../escaped.txt'; return f; }");
    const { launch } = launchDir({ 't.cwl': document });
    const result = await runPipe(['run', '--outdir', 'out', 't.cwl'], launch);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('basename `../escaped.txt` is not a plain file name');
    expect(existsSync(join(launch, 'escaped.txt'))).toBe(false);
  });

  it('passes an input file through an ExpressionTool', async () => {
    const document = expressionToolReturning('$({f: inputs.x})');
    const { launch } = launchDir({ 'p.cwl': document, 'x.txt': 'x\n', 'job.yml': 'x: {class: File, path: x.txt}\n' });
    const result = await runPipe(['run', '--quiet', '--outdir', 'out', 'p.cwl', 'job.yml'], launch);
    expect(result.code).toBe(0);
    expect(readFileSync(join(launch, 'out', 'x.txt'), 'utf8')).toBe('x\n');
  });
});
