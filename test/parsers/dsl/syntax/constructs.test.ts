import { describe, expect, it } from 'vitest';
import type {
  FunctionDefinition,
  IncludeDeclaration,
  ProcessDefinition,
  WorkflowDefinition,
} from '../../../../parsers/dsl/syntax/index.js';
import { parseDsl } from '../../../../parsers/dsl/syntax/index.js';
import { parseFixture, strip } from './helpers.js';

const script = parseFixture('constructs/main.nf');
const process = (name: string): ProcessDefinition =>
  script.body.find((b) => b.kind === 'process' && b.name === name) as ProcessDefinition;
const workflow = (name?: string): WorkflowDefinition =>
  script.body.find((b) => b.kind === 'workflow' && b.name === name) as WorkflowDefinition;

describe('the constructs fixture', () => {
  it('keeps top-level items in source order', () => {
    expect(script.body.map((b) => b.kind)).toEqual([
      'assignment',
      'assignment',
      'assignment',
      'assignment',
      'include',
      'include',
      'include',
      'expressionStatement',
      'function',
      'process',
      'process',
      'process',
      'process',
      'workflow',
      'workflow',
    ]);
  });

  it('reads includes with aliases, addParams and items over several lines', () => {
    const includes = script.body.filter((b): b is IncludeDeclaration => b.kind === 'include').map((i) => strip(i));
    expect(includes[0]).toEqual({
      kind: 'include',
      items: [{ name: 'FASTQC' }, { name: 'MULTIQC', alias: 'REPORT' }],
      source: './modules/qc',
    });
    expect(includes[1]).toMatchObject({
      items: [{ name: 'ALIGN' }],
      options: { name: 'addParams', namedArgs: [{ name: 'outdir' }] },
    });
    expect(includes[2]).toMatchObject({
      items: [{ name: 'TRIM' }, { name: 'COUNT', alias: 'COUNT_READS' }],
      source: './modules/trim',
    });
  });

  it('reads a function with a default parameter and else-if chains', () => {
    const fn = script.body.find((b) => b.kind === 'function') as FunctionDefinition;
    expect(strip(fn.params)).toEqual([
      { name: 'path' },
      { name: 'suffix', defaultValue: { kind: 'string', value: '.fq', quote: "'" } },
    ]);
    expect(fn.body.map((s) => s.kind)).toEqual(['variableDeclaration', 'if']);
  });

  it('groups a process into directives, inputs, outputs, when, script and stub', () => {
    const quant = process('QUANT');
    expect(quant.directives.map((d) => d.name)).toEqual([
      'tag',
      'label',
      'cpus',
      'memory',
      'time',
      'errorStrategy',
      'maxRetries',
      'container',
      'publishDir',
      'debug',
    ]);
    expect(strip(quant.directives[3])).toEqual({
      name: 'memory',
      args: [
        {
          kind: 'property',
          object: { kind: 'number', value: 2, raw: '2', integer: true },
          name: 'GB',
          navigation: '.',
        },
      ],
      namedArgs: [],
    });
    expect(quant.directives[5]?.args[0]?.kind).toBe('closure');
    expect(quant.inputs.map((i) => i.qualifier)).toEqual(['path', 'tuple', 'each', 'env', 'stdin']);
    expect(quant.outputs.map((o) => [o.qualifier, o.options.map((x) => x.name)])).toEqual([
      ['path', ['emit']],
      ['tuple', ['optional', 'emit']],
      ['path', ['arity']],
      ['env', []],
      ['stdout', []],
    ]);
    expect(quant.when?.kind).toBe('binary');
    expect(quant.body?.section).toBe('script');
    expect(quant.body?.statements.map((s) => s.kind)).toEqual([
      'variableDeclaration',
      'variableDeclaration',
      'expressionStatement',
    ]);
    expect(quant.stub?.statements).toHaveLength(1);
  });

  it('reads shell and exec sections, and a bare string as the script', () => {
    expect(process('SHELL_STYLE').body).toMatchObject({
      section: 'shell',
      statements: [{ expression: { kind: 'string', quote: "'''" } }],
    });
    expect(process('NATIVE').body?.section).toBe('exec');
    expect(process('NATIVE').body?.statements.map((s) => s.kind)).toEqual(['assignment', 'for']);
    expect(process('NO_LABEL').body).toMatchObject({
      section: 'script',
      statements: [{ expression: { kind: 'string', value: '\n    echo no script label\n    ' } }],
    });
  });

  it('reads a bare string ending a process after its last section as the script', () => {
    const text = 'process A {\n  input:\n  val x\n  output:\n  stdout\n  """\n  echo $x\n  """\n}\n';
    const [proc] = parseDsl(text, 'a.nf').body as ProcessDefinition[];
    expect(proc?.outputs.map((o) => o.qualifier)).toEqual(['stdout']);
    expect(proc?.body).toMatchObject({ section: 'script', statements: [{ expression: { kind: 'gstring' } }] });
    const inWhen = parseDsl('process B {\n  when:\n  true\n  "echo b"\n}\n', 'b.nf').body[0] as ProcessDefinition;
    expect(inWhen.when).toMatchObject({ kind: 'boolean', value: true });
    expect(inWhen.body?.statements).toHaveLength(1);
  });

  it('reads a named workflow with take, main and named and unnamed emits', () => {
    const qc = workflow('QC');
    expect(qc.take.map((t) => t.name)).toEqual(['reads']);
    expect(qc.main).toHaveLength(2);
    expect(qc.emit.map((e) => [e.name, e.value.kind])).toEqual([
      ['html', 'property'],
      [undefined, 'property'],
    ]);
  });

  it('reads the entry workflow statements, multi-line method chains and pipes included', () => {
    const main = workflow(undefined).main;
    expect(strip(main[0])).toMatchObject({
      kind: 'assignment',
      value: { kind: 'methodCall', name: 'filter', object: { name: 'map', object: { name: 'fromFilePairs' } } },
    });
    expect(strip(main[1])).toMatchObject({
      value: { kind: 'binary', operator: '|', right: { kind: 'call', callee: { name: 'filter' } } },
    });
    expect(main.filter((s) => s.kind === 'destructuring')).toHaveLength(1);
    expect(main.map((s) => s.kind)).toEqual(expect.arrayContaining(['for', 'while', 'try', 'assert']));
    expect(main.at(-1)).toMatchObject({
      kind: 'expressionStatement',
      expression: { kind: 'methodCall', name: 'onComplete', object: { kind: 'identifier', name: 'workflow' } },
    });
  });

  it('places nodes at their line and column', () => {
    expect(process('QUANT').pos).toEqual(expect.objectContaining({ line: 35, column: 1 }));
    expect(process('QUANT').directives[0]?.pos).toEqual(expect.objectContaining({ line: 36, column: 5 }));
  });
});
