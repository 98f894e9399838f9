import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../engine/errors.js';
import { parseConfig, parseDsl } from '../../../../parsers/dsl/syntax/index.js';

// The ParseError a script raises.
function errorOf(source: string, parse: (text: string, file: string) => unknown = parseDsl): ParseError {
  try {
    parse(source, 'main.nf');
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('syntax errors', () => {
  it.each([
    [
      'process FOO {\n  input:\n  val x\n',
      3,
      9,
      'unexpected end of file at 3:9: expected `}` to close the process `FOO` block opened at 1:13',
    ],
    ['workflow {\n  FOO(a, b\n}\n', 3, 1, 'unexpected `}` at 3:1: expected `)` to close the `(` opened at 2:6'],
    ['x = [1, 2\ny = 3\n', 2, 1, 'unexpected `y` at 2:1: expected `]` to close the `[` opened at 1:5'],
    ['x = 1 +\n', 1, 9, 'unexpected line break at 1:9: expected an expression to finish the line'],
    ['foo() bar()\n', 1, 7, 'unexpected `bar` at 1:7: expected a new line or `;`'],
    ['}\n', 1, 1, 'unexpected `}` at 1:1: expected a statement, but this `}` closes no open block'],
    ['x = 1 ? 2\n', 1, 10, 'unexpected line break at 1:10: expected `:`'],
  ])(
    'report %j at its line and column with the unexpected token and what was expected',
    (source, line, column, message) => {
      const error = errorOf(source);
      expect(error.message).toBe(message);
      expect(error.location).toEqual({ file: 'main.nf', line, column });
      expect(error.hint).toBeTruthy();
    },
  );

  it('name an unclosed string and where it opened', () => {
    const error = errorOf('x = 1\ny = "abc\n');
    expect(error.message).toBe('unclosed string `"` opened at 2:5');
    expect(error.hint).toContain('triple quotes');
  });

  it('name an unclosed comment and a stray character', () => {
    expect(errorOf('x = /* never closed').message).toBe('unclosed comment `/*` opened at 1:5');
    expect(errorOf('x = 1 # 2\n')).toMatchObject({
      message: 'unexpected character `#` at 1:7',
      location: { line: 1, column: 7 },
    });
  });

  it('name unknown process sections and unknown input qualifiers', () => {
    expect(errorOf('process FOO {\n inputs:\n val x\n}\n').message).toBe(
      'unknown section `inputs:` in process `FOO` at 2:2',
    );
    expect(errorOf('process FOO {\n input:\n value x\n}\n').message).toBe('unknown input qualifier `value` at 3:2');
    expect(errorOf('process FOO {\n input:\n set x, y\n}\n').hint).toContain('`tuple`');
  });

  it('reject labels outside process and workflow bodies, and take: in the entry workflow', () => {
    expect(errorOf('def f() {\n input:\n x\n}\n').message).toBe('unexpected label `input:` at 2:2');
    expect(errorOf('workflow {\n take:\n x\n}\n').message).toBe(
      'the entry workflow cannot have a `take:` section at 2:2',
    );
  });

  it('reject assignment to something that is not a name, property or index', () => {
    expect(errorOf('foo() = 1\n').message).toBe('cannot assign to this call expression at 1:1');
  });
});

describe('recognised but unsupported syntax', () => {
  it('names DSL1 `from` and `into` in process declarations', () => {
    expect(errorOf('process FOO {\n input:\n val x from ch\n script:\n "echo"\n}\n')).toMatchObject({
      message: 'DSL1 `from` in a process input declaration is not supported at 3:2',
      location: { line: 3, column: 2 },
    });
    expect(errorOf('process FOO {\n output:\n file "x" into ch\n}\n').message).toBe(
      'DSL1 `into` in a process output declaration is not supported at 3:2',
    );
  });

  it('names DSL1 `Channel.create()` and the `into` operator', () => {
    expect(errorOf('ch = Channel.create()\n').message).toBe('DSL1 `Channel.create()` is not supported at 1:6');
    expect(errorOf('Channel.of(1).into { a; b }\n').message).toBe('the DSL1 operator `into` is not supported at 1:1');
  });

  it('names switch statements and annotations', () => {
    expect(errorOf('switch (x) { }\n').message).toBe('`switch` statements are not supported (found `switch` at 1:1)');
    expect(errorOf('@Grab("x")\nx = 1\n').message).toContain('annotations are not supported');
  });

  it('names method pointers `.&` where they appear', () => {
    expect(errorOf('ch.map(this.&double)\n')).toMatchObject({
      message: 'method pointers `.&` are not supported (found `.&` at 1:12)',
      location: { line: 1, column: 12 },
    });
  });

  it('names config statements a config file cannot hold', () => {
    expect(errorOf('if (x) { y = 1 }\n', parseConfig).message).toBe('unsupported if in a config file at 1:1');
    expect(errorOf('foo: bar\n', parseConfig).message).toBe('unexpected label `foo:` in a config file at 1:1');
  });
});
