import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'cwl');

const TOOL = 'cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\ninputs:\n  n: int\noutputs: []\n';

// [what, files to write, arguments after `run --outdir out`, expected first line]
const cases: readonly [string, Record<string, string>, string[], RegExp][] = [
  [
    'malformed YAML',
    { 'bad.cwl': 'cwlVersion: v1.2\nclass: [CommandLineTool\n' },
    ['bad.cwl'],
    /^pipe: error: \S*bad\.cwl:\d+:\d+: invalid YAML/,
  ],
  [
    'an unknown class',
    { 'odd.cwl': 'cwlVersion: v1.2\nclass: CommandLineThing\ninputs: []\noutputs: []\n' },
    ['odd.cwl'],
    /^pipe: error: \S*odd\.cwl:2:8: .*`CommandLineThing`/,
  ],
  [
    'a wrong cwlVersion',
    { 'old.cwl': 'cwlVersion: draft-3\nclass: CommandLineTool\ninputs: []\noutputs: []\n' },
    ['old.cwl'],
    /^pipe: error: \S*old\.cwl:1:13: .*`draft-3`/,
  ],
  [
    'a missing required input',
    { 't.cwl': TOOL, 'job.yml': 'other: 1\n' },
    ['t.cwl', 'job.yml'],
    /^pipe: error: \S*job\.yml:1:1: missing required input `n`/,
  ],
  [
    'a job value of the wrong type',
    { 't.cwl': TOOL, 'job.yml': 'n: "seven"\n' },
    ['t.cwl', 'job.yml'],
    /^pipe: error: \S*job\.yml:1:4: input `n` expects int, got "seven"/,
  ],
  [
    'a run: file that does not exist',
    {},
    ['missing-run.cwl'],
    /^pipe: error: \S*missing-run\.cwl:7:10: .*no-such-tool\.cwl` does not exist/,
  ],
];

describe('bad CWL input', () => {
  it.each(cases)(
    'reports %s on one line with file:line:col, exits 2 and writes nothing in --outdir',
    async (_what, files, args, pattern) => {
      const dir = scratchDir();
      cpSync(fixtures, dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const result = await runPipe(['run', '--outdir', 'out', ...args], dir);
      expect(result.code).toBe(2);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(pattern);
      expect(lines.slice(1).every((line) => line.startsWith('  hint: '))).toBe(true);
      expect(existsSync(join(dir, 'out'))).toBe(false);
      expect(existsSync(join(dir, '.pipe'))).toBe(false);
    },
  );
});
