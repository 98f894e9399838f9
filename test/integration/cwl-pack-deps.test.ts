// cwltool's --print-deps and --pack through the built CLI: the dependency tree as cwltool prints it, and a packed
// document that runs (with pipe and anywhere it is saved) to the same outputs as the original.
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const IANA = 'https://www.iana.org/assignments/media-types/application/cwl';

// A workflow whose tool lives in a subfolder, imports its types, includes a script and has a default file.
const FILES = {
  'wf.cwl': `cwlVersion: v1.2
class: Workflow
requirements:
  - $import: types.yml
  - class: InlineJavascriptRequirement
inputs:
  greeting: {type: types.yml#Greeting, default: {word: hello, times: 2}}
  extra: {type: File, default: {class: File, location: data/extra.txt}}
outputs:
  out: {type: File, outputSource: say/out}
steps:
  say:
    run: tools/say.cwl
    in: {greeting: greeting, extra: extra}
    out: [out]
`,
  'types.yml': `class: SchemaDefRequirement
types:
  - name: Greeting
    type: record
    fields:
      - {name: word, type: string}
      - {name: times, type: int}
`,
  'tools/say.cwl': `cwlVersion: v1.2
class: CommandLineTool
requirements:
  - $import: ../types.yml
  - class: InlineJavascriptRequirement
    expressionLib: [{$include: lib.js}]
inputs:
  greeting: ../types.yml#Greeting
  extra: File
baseCommand: [sh, -c]
arguments: ['echo $(twice(inputs.greeting)) && cat $(inputs.extra.path)']
stdout: said.txt
outputs:
  out: stdout
`,
  'tools/lib.js': "function twice(g) { return Array(g.times).fill(g.word).join(' '); }\n",
  'data/extra.txt': 'extra line\n',
};

const file = (location: string, extra: Record<string, unknown> = {}) => {
  const name = location.slice(location.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return { class: 'File', location, ...extra, basename: name, nameroot: name.slice(0, dot), nameext: name.slice(dot) };
};
const dir = (location: string, listing: unknown[]) => ({
  class: 'Directory',
  basename: location.slice(location.lastIndexOf('/') + 1),
  listing,
  location,
});

describe("cwltool's --print-deps", () => {
  it('prints the File tree of run:, $import, $include and default files, nested in Directories as cwltool does', async () => {
    const work = scratchDir(FILES);
    const result = await runPipe(['run', 'wf.cwl', '--print-deps'], work);
    expect(result.code, result.stderr).toBe(0);
    const types = file('types.yml', { format: IANA });
    expect(JSON.parse(result.stdout)).toEqual({
      class: 'File',
      location: 'wf.cwl',
      format: IANA,
      secondaryFiles: [
        types,
        dir('data', [file('data/extra.txt')]),
        dir('tools', [
          file('tools/say.cwl', {
            format: IANA,
            secondaryFiles: [file('types.yml', { format: IANA }), file('tools/lib.js')],
          }),
        ]),
      ],
    });
    expect(result.stdout).toMatch(/^\{\n {4}"class": "File",\n {4}"location": "wf\.cwl",/);
  });

  it('--relative-deps cwd makes locations relative to the current directory; another value is refused', async () => {
    const work = scratchDir(FILES);
    const cwd = scratchDir();
    const result = await runPipe(['run', join(work, 'wf.cwl'), '--print-deps', '--relative-deps', 'cwd'], cwd);
    expect(result.code, result.stderr).toBe(0);
    const tree = JSON.parse(result.stdout) as { location: string; secondaryFiles: { location: string }[] };
    expect(resolve(cwd, tree.location)).toBe(join(work, 'wf.cwl'));
    expect(resolve(cwd, tree.secondaryFiles[0]!.location)).toBe(join(work, 'types.yml'));
    const bad = await runPipe(['run', join(work, 'wf.cwl'), '--print-deps', '--relative-deps', 'up'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected --relative-deps to be primary or cwd, got "up"');
  });
});

// The outputs of a run without what differs between two runs of one workflow (where files are).
async function outputsOf(args: readonly string[], cwd: string): Promise<unknown> {
  const result = await runPipe(['run', '-q', ...args], cwd);
  expect(result.code, result.stderr).toBe(0);
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([k]) => !['location', 'path', 'basename', 'nameroot', 'dirname'].includes(k))
              .map(([k, v]) => [k, strip(v)]),
          )
        : value;
  return strip(JSON.parse(result.stdout));
}

// Packs `tool` into a new folder and checks the packed document runs to the outputs of the original.
async function packRunsAlike(tool: string, job: string | undefined): Promise<Record<string, unknown>> {
  const jobArgs = job === undefined ? [] : [job];
  const original = await outputsOf([tool, ...jobArgs], scratchDir());
  const elsewhere = scratchDir();
  const packed = await runPipe(['run', tool, '--pack'], elsewhere);
  expect(packed.code, packed.stderr).toBe(0);
  writeFileSync(join(elsewhere, 'packed.cwl'), packed.stdout);
  expect(await outputsOf(['packed.cwl', ...jobArgs], elsewhere)).toEqual(original);
  return JSON.parse(packed.stdout) as Record<string, unknown>;
}

describe("cwltool's --pack", () => {
  it('packs every run: into one $graph (#main, #say.cwl) that runs, saved elsewhere, to the same outputs', async () => {
    const work = scratchDir(FILES);
    const doc = await packRunsAlike(join(work, 'wf.cwl'), undefined);
    const graph = doc.$graph as Record<string, unknown>[];
    expect(graph.map((entry) => entry.id)).toEqual(['#main', '#say.cwl']);
    expect(doc.cwlVersion).toBe('v1.2');
    expect(JSON.stringify(graph[0])).toContain('"run":"#say.cwl"');
    expect(JSON.stringify(graph[0])).toContain(`"location":"file://${join(work, 'data', 'extra.txt')}"`);
    expect(JSON.stringify(graph[1])).toContain('Array(g.times)'); // $include read in
  });

  const suite = resolve(process.env.CWL_SUITE ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'cwl-v1.2'));
  const cases: [string, string | undefined][] = [
    ['count-lines1-wf.cwl', 'wc-job.json'],
    ['schemadef-wf.cwl', 'schemadef-job.json'],
    ['revsort.cwl', 'revsort-job.json'],
    ['step-valuefrom-wf.cwl', 'step-valuefrom-wf.json'],
    ['scatter-valuefrom-wf6.cwl', 'scatter-valuefrom-job3.json'],
    ['count-lines11-wf.cwl', undefined],
  ];
  it.skipIf(!existsSync(join(suite, 'tests'))).each(cases)(
    'packs the conformance suite workflow %s into a document that runs to the same outputs',
    async (tool, job) => {
      const tests = join(suite, 'tests');
      await packRunsAlike(join(tests, tool), job === undefined ? undefined : join(tests, job));
    },
  );
});
