import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastYamlValue } from '../../../parsers/common/yaml-values.js';

// Documents js-yaml must read exactly as the yaml library does (its core schema, merge keys on).
const SAME: Record<string, string> = {
  'empty document': '',
  'comment only': '# nothing\n',
  'null forms': 'a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\n',
  'bool forms': 'a: true\nb: True\nc: TRUE\nd: false\ne: yes\nf: no\ng: on\nh: tRUE\n',
  'int forms':
    'a: 0\nb: -12\nc: +7\nd: 007\ne: 0o17\nf: 0x1F\ng: 0b101\nh: -0x1F\ni: 1_000\nj: 0o8\nk: 99999999999999999999\n',
  'float forms':
    'a: 1.5\nb: .5\nc: 1.\nd: -2.5e3\ne: 1e3\nf: .inf\ng: -.Inf\nh: +.INF\ni: .nan\nj: .NaN\nk: 1.2.3\nl: 1e\nm: 1_0.5\nn: .\n',
  'strings that look like other things':
    'a: \'1\'\nb: "true"\nc: 2001-12-14\nd: 12:30:45\ne: 1,000\nf: 0.1.2\ng: ~x\nh: <<x\n',
  'explicit core tags': 'a: !!str 1\nb: !!int "7"\nc: !!float "2.5"\nd: !!bool "true"\ne: !!null ""\nf: !!str\n',
  'quoted scalars and escapes': 'a: "tab\\tnewline\\nquote\\" \\u00e9 \\x41"\nb: \'it\'\'s\'\nc: "multi\n  line"\n',
  'block scalars':
    'a: |\n  one\n  two\n\nb: >\n  folded\n  text\n\n  para\nc: |-\n  strip\nd: |+\n  keep\n\ne: >2\n    indented\n',
  'multi-line plain scalar': 'a: this is\n  one long\n  value\nb: x # a comment\n',
  'flow collections': 'a: [1, "two", {b: 3, c: [4, 5]}]\nb: {}\nc: []\nd: [a: 1]\n',
  'nested blocks':
    'tasks:\n  - id: t1\n    command: echo 1\n  - id: t2\n    after: [t1]\n    env:\n      X: "1"\n  -\n  - - a\n    - b\n',
  'an explicit key': '? a\n: b\n',
  'a __proto__ key': '__proto__: {a: 1}\nb: 2\n',
  'anchors without aliases': 'base: &b {x: 1, y: 2}\nother: &o [1, 2]\n',
  'document start and end': '---\na: 1\n...\n',
  'a list at the top': '- 1\n- [2, 3]\n- a: b\n',
  'unicode, and keys that are numbers or booleans': 'é: ü\n1: one\n2.50: x\n0x1F: hex\ntrue: t\n.inf: i\n',
  'int and float look-alikes': 'a: 0o\nb: 0x\nc: +0x1\nd: -0o7\ne: 00\nf: -0\n',
  'a CWL tool':
    'cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\ninputs:\n  message:\n    type: string\n    inputBinding: {position: 1}\noutputs: []\n',
};

describe('YAML values read by js-yaml', () => {
  it.each(Object.entries(SAME))('match the yaml library on %s', (_name, text) => {
    const fast = fastYamlValue(text);
    expect(fast).toBeDefined();
    expect(fast!.value).toEqual(parse(text, { merge: true }));
  });

  it.each([
    ['a syntax error', 'a: [1, 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['tab indentation', 'a:\n\tb: 1\n'],
    ['a tag outside the core schema', 'a: !!timestamp 2001-12-14\n'],
    ['an explicit tag the core schema does not resolve', 'a: !!float "2"\n'],
    ['a null key', 'a: 1\n~: n\n'],
    ['a null key in a flow map', 'a: {null: 1}\n'],
    ['an empty key', ': x\n'],
    ['a list as a key', '[1, 2]: x\n'],
    ['a map as a key', '{a: 1}: x\n'],
    ['an alias to no anchor', 'a: *nope\n'],
    // The yaml library limits how far aliases expand (an alias bomb is refused); js-yaml does not.
    [
      'aliases and merge keys',
      'base: &b {x: 1, y: 2}\nother: *b\nmerged:\n  <<: *b\n  y: 3\nmany:\n  <<: [*b, {z: 4}]\n',
    ],
    ['an alias in a flow list', 'a: &a 1\nb: [*a, *a]\n'],
    ['a local tag', 'a: !thing x\n'],
    ['a %YAML directive', '%YAML 1.1\n---\na: yes\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
  ])('are left to the yaml library for %s', (_name, text) => {
    expect(fastYamlValue(text)).toBeUndefined();
  });
});
