import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../engine/errors.js';
import {
  lazyLocation,
  loadStructuredDocument,
  type NodePath,
  type StructuredDocument,
} from '../../../parsers/common/structured-document.js';

const YAML = 'tasks:\n  - id: a\n    command: echo a\n  - id: b\n    cpus: two\n';
const JSON_TEXT = '{\n  "tasks": [\n    {"id": "a", "command": "echo a"},\n    {"id": "b", "cpus": "two"}\n  ]\n}\n';

// The error thrown by `load`, which must throw a ParseError.
function parseErrorOf(load: () => unknown): ParseError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('expected a ParseError');
}

describe('loadStructuredDocument', () => {
  it('gives YAML as plain data', () => {
    const doc = loadStructuredDocument('w.yaml', YAML, 'yaml');
    expect(doc.value).toEqual({
      tasks: [
        { id: 'a', command: 'echo a' },
        { id: 'b', cpus: 'two' },
      ],
    });
  });

  it.each([
    ['yaml', YAML],
    ['json', JSON_TEXT],
  ] as const)('locates list items, values and keys in %s', (syntax, text) => {
    const doc = loadStructuredDocument(`w.${syntax}`, text, syntax);
    expect(doc.locate(['tasks', 1])).toMatchObject({ line: 4, column: 5 });
    const cpus = doc.locate(['tasks', 1, 'cpus']);
    expect(text.split('\n')[cpus.line! - 1]!.slice(cpus.column! - 1)).toMatch(/^"?two"?/);
    const key = doc.locate(['tasks', 1, 'cpus'], 'key');
    expect(text.split('\n')[key.line! - 1]!.slice(key.column! - 1)).toMatch(/^"?cpus"?:/);
  });

  it('locates a missing value at its nearest existing ancestor', () => {
    const doc = loadStructuredDocument('w.yaml', YAML, 'yaml');
    expect(doc.locate(['tasks', 1, 'command'])).toMatchObject({ line: 4, column: 5 });
  });

  it('reports malformed YAML at the position the YAML parser gives', () => {
    const error = parseErrorOf(() => loadStructuredDocument('w.yaml', 'a: 1\na: 2\n', 'yaml'));
    expect(error.message).toMatch(/^invalid YAML: Map keys must be unique/);
    expect(error.location).toEqual({ file: 'w.yaml', line: 2, column: 1 });
    expect(error.hint).toMatch(/only once/);
  });

  it("reports malformed JSON with JSON's own message and position", () => {
    const error = parseErrorOf(() => loadStructuredDocument('w.json', '{\n  "a": 1\n  "b": 2\n}', 'json'));
    expect(error.message).toBe("invalid JSON: Expected ',' or '}' after property value");
    expect(error.location).toEqual({ file: 'w.json', line: 3, column: 3 });
  });

  it('accepts JSON with a trailing comma, as YAML does', () => {
    expect(loadStructuredDocument('w.json', '[1, 2,]', 'json').value).toEqual([1, 2]);
  });

  it('applies YAML merge keys', () => {
    const doc = loadStructuredDocument('w.yaml', 'base: &b {cpus: 2}\ntask:\n  <<: *b\n  id: x\n', 'yaml');
    expect(doc.value).toEqual({ base: { cpus: 2 }, task: { cpus: 2, id: 'x' } });
  });
});

describe('lazyLocation', () => {
  it('locates a value only when its line or column is read, and falls back to the file when the document cannot be parsed for positions', () => {
    const calls: NodePath[] = [];
    const located: StructuredDocument = {
      file: 'a.yml',
      value: {},
      locate: (path) => (calls.push(path), { file: 'a.yml', line: 3, column: 5 }),
      error: () => new ParseError('x'),
    };
    const location = lazyLocation(located, ['tasks', 0]);
    expect(location.file).toBe('a.yml');
    expect(calls).toEqual([]);
    expect([location.line, location.column, location.line]).toEqual([3, 5, 3]);
    expect(calls).toEqual([['tasks', 0]]);

    const broken: StructuredDocument = {
      ...located,
      locate: () => {
        throw new ParseError('invalid YAML');
      },
    };
    expect(lazyLocation(broken, ['a'])).toEqual({ file: 'a.yml', line: undefined, column: undefined });
  });
});
