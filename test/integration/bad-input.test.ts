import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const cases: readonly [string, string, string, RegExp][] = [
  ['an empty file', 'empty.txt', '', /^pipe: error: \S*empty\.txt(:\d+:\d+)?: .*no tasks/],
  [
    'a malformed YAML file',
    'bad.yaml',
    'tasks:\n  - id: a\n    command: [unclosed\n',
    /^pipe: error: \S*bad\.yaml:\d+:\d+: /,
  ],
  [
    'an unknown YAML field',
    'typo.yaml',
    'tasks:\n  - id: a\n    comand: true\n',
    /^pipe: error: \S*typo\.yaml:3:5: .*`comand`/,
  ],
  [
    'a cycle in after:',
    'cycle.yaml',
    'tasks:\n  - id: a\n    command: "true"\n    after: [b]\n  - id: b\n    command: "true"\n    after: [a]\n',
    /^pipe: error: \S*cycle\.yaml:\d+:\d+: .*cycle/,
  ],
  [
    'a duplicate id',
    'dup.yaml',
    'tasks:\n  - id: a\n    command: "true"\n  - id: a\n    command: "true"\n',
    /^pipe: error: \S*dup\.yaml:4:\d+: .*`a`/,
  ],
  [
    'an after: to a missing id',
    'missing.yaml',
    'tasks:\n  - id: a\n    command: "true"\n    after: [nope]\n',
    /^pipe: error: \S*missing\.yaml:4:\d+: .*`nope`/,
  ],
];

describe('bad input', () => {
  it.each(cases)(
    'reports %s on one line with file:line:col and a hint, exits 2 and writes nothing',
    async (_what, name, text, pattern) => {
      const dir = scratchDir({ [name]: text });
      const result = await runPipe(['run', name], dir);
      expect(result.code).toBe(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(pattern);
      expect(lines[1]).toMatch(/^ {2}hint: \S/);
      expect(lines).toHaveLength(2);
      expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
      expect(readdirSync(dir).sort()).toEqual([name]);
    },
  );

  it('reports an unreadable file the same way', async () => {
    const dir = scratchDir({ 'secret.txt': 'true\n' });
    chmodSync(join(dir, 'secret.txt'), 0o000);
    const asRoot = process.getuid?.() === 0;
    const target = asRoot ? 'does-not-exist.txt' : 'secret.txt';
    const result = await runPipe(['run', target], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^pipe: error: \\S*${target.replace('.', '\\.')}: `));
    expect(result.stderr).toMatch(/\n {2}hint: /);
    expect(existsSync(join(dir, '.pipe'))).toBe(false);
  });

  it('shows a stack trace only with --debug', async () => {
    const dir = scratchDir({ 'empty.txt': '' });
    const result = await runPipe(['--debug', 'run', 'empty.txt'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('rejects a bad option value, naming it', async () => {
    const dir = scratchDir({ 'list.txt': 'true\n' });
    const result = await runPipe(['run', 'list.txt', '-j', 'zero'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"zero"');
  });
});
