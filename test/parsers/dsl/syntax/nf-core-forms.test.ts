// Forms of the older nf-core template and modules the grammar reads as Nextflow does.
import { describe, expect, it } from 'vitest';
import { parseDsl } from '../../../../parsers/dsl/syntax/index.js';
import type { Statement } from '../../../../parsers/dsl/syntax/index.js';
import { strip } from './helpers.js';

const statement = (code: string): unknown => strip(parseDsl(`${code}\n`, 'forms.nf').body[0] as Statement);

describe('statements of nf-core modules and utility subworkflows', () => {
  it("reads `path('*.mkfg'), emit: x` as one call with the arguments after the comma", () => {
    expect(statement("path('*.mkfg')     , emit: ncbi_settings")).toMatchObject({
      kind: 'expressionStatement',
      expression: {
        kind: 'call',
        callee: { kind: 'identifier', name: 'path' },
        args: [{ kind: 'string', value: '*.mkfg' }],
        namedArgs: [{ name: 'emit', value: { kind: 'identifier', name: 'ncbi_settings' } }],
      },
    });
  });

  it('refuses a comma after anything but a parenthesised call', () => {
    expect(() => parseDsl('x + 1, emit: y\n', 'forms.nf')).toThrow('unexpected `,` after an expression');
  });

  it('reads `def String name = value` as a declaration of `name` with its Java type', () => {
    expect(statement('def String command = "nextflow run x"')).toMatchObject({
      kind: 'variableDeclaration',
      name: 'command',
      type: 'String',
    });
    expect(statement('def n = 1')).toMatchObject({ kind: 'variableDeclaration', name: 'n' });
  });
});
