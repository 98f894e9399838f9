import { describe, expect, it } from 'vitest';
import { parseDsl } from '../../../../parsers/dsl/syntax/index.js';
import { bin, expr, id, num, prop, str, strip } from './helpers.js';

describe('Groovy expressions', () => {
  it('apply precedence: * before +, ** right-associative, && before ||', () => {
    expect(expr('1 + 2 * 3')).toEqual(bin('+', num(1), bin('*', num(2), num(3))));
    expect(expr('2 ** 3 ** 2')).toEqual(bin('**', num(2), bin('**', num(3), num(2))));
    expect(expr('a || b && c')).toEqual(bin('||', id('a'), bin('&&', id('b'), id('c'))));
    expect(expr('a == b | c')).toEqual(bin('|', bin('==', id('a'), id('b')), id('c')));
    expect(expr('7 % 3 - 1')).toEqual(bin('-', bin('%', num(7), num(3)), num(1)));
  });

  it('read ranges, `in`, regex matches, `as` and `instanceof`', () => {
    expect(expr('1..3')).toEqual({ kind: 'range', from: num(1), to: num(3), exclusive: false });
    expect(expr('0..<n')).toEqual({ kind: 'range', from: num(0), to: id('n'), exclusive: true });
    expect(expr("'a' in list")).toEqual(bin('in', str('a'), id('list')));
    expect(expr('name ==~ /.*\\.gz/')).toEqual(bin('==~', id('name'), str('.*\\.gz', '/')));
    expect(expr("name =~ 'x'")).toEqual(bin('=~', id('name'), str('x')));
    expect(expr("'42' as Integer")).toEqual({ kind: 'as', value: str('42'), type: 'Integer' });
    expect(expr('f instanceof java.nio.file.Path')).toEqual({
      kind: 'instanceof',
      value: id('f'),
      type: 'java.nio.file.Path',
    });
  });

  it('read ternary, elvis, safe navigation, spread and unary operators', () => {
    expect(expr('a ? b : c')).toEqual({ kind: 'ternary', condition: id('a'), whenTrue: id('b'), whenFalse: id('c') });
    expect(expr('a ?: b')).toEqual({ kind: 'elvis', value: id('a'), fallback: id('b') });
    expect(expr('a?.b')).toEqual(prop(id('a'), 'b', '?.'));
    expect(expr('files*.name')).toEqual(prop(id('files'), 'name', '*.'));
    expect(expr('!ok')).toEqual({ kind: 'unary', operator: '!', operand: id('ok') });
    expect(expr('-3')).toEqual({ kind: 'number', value: -3, raw: '-3', integer: true });
  });

  it('read Groovy 3 lambdas as closures: `x -> e`, `(a, b) -> e`, `() -> { … }`, and `(a)` stays an expression', () => {
    const closure = (params: string[], body: unknown): unknown =>
      expect.objectContaining({
        kind: 'closure',
        explicitParameters: true,
        params: params.map((name) => expect.objectContaining({ name })),
        body: [expect.objectContaining({ kind: 'expressionStatement', expression: body })],
      });
    expect(expr('x -> x')).toEqual(closure(['x'], id('x')));
    expect(expr('(a, b) -> a + b')).toEqual(closure(['a', 'b'], bin('+', id('a'), id('b'))));
    expect(expr('() -> { 1 }')).toEqual(closure([], num(1)));
    expect(expr('(a) * 2')).toEqual(bin('*', id('a'), num(2)));
  });

  it('read number-unit properties such as `2.GB` as a property of a number', () => {
    expect(expr('2.GB')).toEqual(prop(num(2), 'GB'));
    expect(expr('1.5.h')).toEqual(prop(num(1.5), 'h'));
  });

  it('read lists, maps with name, string and computed keys, and the empty map', () => {
    expect(expr('[1, 2,]')).toEqual({ kind: 'list', elements: [num(1), num(2)] });
    expect(expr("[a: 1, 'b': 2, (k): 3]")).toEqual({
      kind: 'map',
      entries: [
        { key: str('a'), value: num(1) },
        { key: str('b'), value: num(2) },
        { key: id('k'), value: num(3) },
      ],
    });
    expect(expr('[:]')).toEqual({ kind: 'map', entries: [] });
    expect(expr('[]')).toEqual({ kind: 'list', elements: [] });
  });

  it('read closures with named parameters or the implicit `it`', () => {
    expect(expr('{ a, b -> a + b }')).toMatchObject({
      kind: 'closure',
      explicitParameters: true,
      params: [{ name: 'a' }, { name: 'b' }],
    });
    expect(expr('{ it * 2 }')).toMatchObject({
      kind: 'closure',
      explicitParameters: false,
      params: [],
      body: [{ kind: 'expressionStatement' }],
    });
    expect(expr('{ -> 1 }')).toMatchObject({ kind: 'closure', explicitParameters: true, params: [] });
  });

  it('read method chains with parentheses, trailing closures, named arguments and indexes', () => {
    expect(expr('Channel.fromPath(x, checkIfExists: true).map { it.name }[0]')).toMatchObject({
      kind: 'index',
      indices: [num(0)],
      object: {
        kind: 'methodCall',
        name: 'map',
        args: [{ kind: 'closure' }],
        object: {
          kind: 'methodCall',
          object: id('Channel'),
          name: 'fromPath',
          args: [id('x')],
          namedArgs: [{ name: 'checkIfExists', value: { kind: 'boolean', value: true } }],
        },
      },
    });
    expect(expr('foo(a) { it }')).toMatchObject({
      kind: 'call',
      callee: id('foo'),
      args: [id('a'), { kind: 'closure' }],
    });
    expect(expr("new File('x')")).toEqual({ kind: 'new', type: 'File', args: [str('x')], namedArgs: [] });
    expect(expr('FOO.out.reads')).toEqual(prop(prop(id('FOO'), 'out'), 'reads'));
  });

  it('keep GString interpolations as parts: `$name.path`, `${expr}`, and escaped dollars as text', () => {
    expect(expr('"a $x.y b ${n + 1}\\$HOME"')).toEqual({
      kind: 'gstring',
      quote: '"',
      parts: [
        { kind: 'text', value: 'a ' },
        { kind: 'interpolation', expression: prop(id('x'), 'y') },
        { kind: 'text', value: ' b ' },
        { kind: 'interpolation', expression: bin('+', id('n'), num(1)) },
        { kind: 'text', value: '$HOME' },
      ],
    });
    expect(expr('"plain"')).toEqual(str('plain', '"'));
    expect(expr("'no $interpolation'")).toEqual(str('no $interpolation'));
    expect(expr('"${ "nested ${x}" }"')).toMatchObject({
      kind: 'gstring',
      parts: [{ kind: 'interpolation', expression: { kind: 'gstring' } }],
    });
  });

  it('place interpolated expressions at their line and column in the file', () => {
    const script = parseDsl('x = """\n  ab ${foo}\n"""\n', 'pos.nf');
    const statement = script.body[0];
    if (statement?.kind !== 'assignment' || statement.value.kind !== 'gstring')
      throw new Error('expected a gstring assignment');
    const part = statement.value.parts[1];
    expect(part?.kind === 'interpolation' && part.expression.pos).toEqual({ line: 2, column: 8, offset: 15 });
  });

  it('read a name or dotted path in `${…}` as the same expression as outside a string, keywords included', () => {
    const inside = (source: string): unknown =>
      (expr(`"${source}"`) as { parts: { expression: unknown }[] }).parts[0]?.expression;
    for (const source of ['${ params.outdir }', '${task.ext.args}', '${x.in.def}', '${workflow.projectDir}']) {
      expect(inside(source)).toEqual(expr(source.slice(2, -1)));
    }
    expect(inside('${true}')).toEqual({ kind: 'boolean', value: true });
    expect(inside('${this.x}')).toEqual(expr('this.x'));
    const script = parseDsl('x = "a ${  params.outdir}"\n', 'pos.nf');
    const statement = script.body[0];
    if (statement?.kind !== 'assignment' || statement.value.kind !== 'gstring')
      throw new Error('expected a gstring assignment');
    const part = statement.value.parts[1];
    expect(part?.kind === 'interpolation' && part.expression.pos).toEqual({ line: 1, column: 12, offset: 11 });
  });

  it('tell a slashy string from division by what comes before the slash', () => {
    expect(expr('a / b / c')).toEqual(bin('/', bin('/', id('a'), id('b')), id('c')));
    expect(expr('x.split(/,/)')).toMatchObject({ kind: 'methodCall', args: [str(',', '/')] });
  });

  it('continue an expression over lines after an operator, inside brackets, and before a leading `.`', () => {
    const script = parseDsl(
      'x = Channel\n    .of(1,\n        2)\n    .map { it +\n        1 }\n    ?.view()\ny = 1\n',
      'nl.nf',
    );
    expect(script.body.map((s) => s.kind)).toEqual(['assignment', 'assignment']);
    expect(strip(script.body[0])).toMatchObject({
      value: { kind: 'methodCall', name: 'view', navigation: '?.', object: { name: 'map' } },
    });
  });
});

describe('statements', () => {
  it('read command calls without parentheses, with named arguments', () => {
    expect(strip(parseDsl("println x\nlog.info 'a', b: 1\n", 's.nf').body)).toEqual([
      {
        kind: 'expressionStatement',
        expression: { kind: 'call', callee: id('println'), args: [id('x')], namedArgs: [], command: true },
      },
      {
        kind: 'expressionStatement',
        expression: {
          kind: 'methodCall',
          object: id('log'),
          name: 'info',
          navigation: '.',
          args: [str('a')],
          namedArgs: [{ name: 'b', value: num(1) }],
          command: true,
        },
      },
    ]);
  });

  it('read destructuring, declarations and compound assignment', () => {
    expect(
      strip(parseDsl('(a, b) = FOO(x)\ndef (c, d) = [1, 2]\ndef e\nString s = "x"\ne += 1\n', 's.nf').body),
    ).toMatchObject([
      { kind: 'destructuring', names: ['a', 'b'], declared: false, value: { kind: 'call' } },
      { kind: 'destructuring', names: ['c', 'd'], declared: true },
      { kind: 'variableDeclaration', name: 'e' },
      { kind: 'variableDeclaration', name: 's', type: 'String' },
      { kind: 'assignment', operator: '+=' },
    ]);
  });

  it('read if / else if / else with the else on its own line, for-in, while, try/catch/finally', () => {
    const body = parseDsl(
      'if (a) { b() }\nelse if (c) d()\nelse { e() }\nfor (x in xs) { f(x) }\nwhile (g) h()\ntry { i() } catch (IOException e) { j() } finally { k() }\n',
      's.nf',
    ).body;
    expect(body.map((s) => s.kind)).toEqual(['if', 'for', 'while', 'try']);
    expect(strip(body[0])).toMatchObject({ otherwise: [{ kind: 'if', otherwise: [{ kind: 'expressionStatement' }] }] });
    expect(strip(body[3])).toMatchObject({
      catches: [{ types: ['IOException'], name: 'e' }],
      finally: [{ kind: 'expressionStatement' }],
    });
  });

  it('separate statements by `;` as well as by line breaks', () => {
    expect(parseDsl('a = 1; b = 2;c = 3\n', 's.nf').body).toHaveLength(3);
  });

  it('skip comments and a shebang line', () => {
    expect(parseDsl('#!/usr/bin/env nextflow\n// one\n/* two\n three */ x = 1 // four\n', 's.nf').body).toHaveLength(1);
  });
});
