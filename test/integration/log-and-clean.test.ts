// `pipe log` and `pipe clean` through the built CLI, in the forms Nextflow users and Nextflow's own test scripts
// write (`nextflow log last -F "process == 'bar'"`, `nextflow clean -but last -f`).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const MAIN = `
process foo {
  input:
  val n
  output:
  path '*.txt'
  script:
  "for i in \\$(seq 1 \${n}); do echo \\$i > f\\$i.txt; done"
}
process bar {
  input:
  path '*.txt'
  output:
  stdout
  script:
  "cat *.txt | wc -l"
}
workflow {
  foo(3) | bar | view
}
`;

// Work dirs under `dir/work` (two hash levels, as Nextflow's).
function workDirs(dir: string): string[] {
  const root = join(dir, 'work');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((a) => readdirSync(join(root, a)).map((b) => join(root, a, b)));
}

describe('pipe log', () => {
  it("lists runs as `nextflow log` does and prints the fields of a run's tasks", async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    const first = await runPipe(['-q', 'run', 'main.nf', '-name', 'tiny_turing'], dir);
    expect(first.code, first.stderr).toBe(0);
    const again = await runPipe(['-q', 'run', 'main.nf', '-resume'], dir);
    expect(again.code, again.stderr).toBe(0);

    const history = await runPipe(['log'], dir);
    expect(history.code, history.stderr).toBe(0);
    const lines = history.stdout.trimEnd().split('\n');
    expect(lines[0]?.split('\t').map((c) => c.trim())).toEqual([
      'TIMESTAMP',
      'DURATION',
      'RUN NAME',
      'STATUS',
      'REVISION ID',
      'SESSION ID',
      'COMMAND',
    ]);
    const rows = lines.slice(1).map((l) => l.split('\t').map((c) => c.trim()));
    expect(rows).toHaveLength(2);
    expect(rows[0]?.[2]).toBe('tiny_turing');
    expect(rows.map((r) => r[3])).toEqual(['OK', 'OK']);
    expect(rows[1]?.[5]).toBe(rows[0]?.[5]); // a resumed run keeps its session
    expect(rows[1]?.[4]).toBe(rows[0]?.[4]); // and the same script keeps its revision
    expect(rows[0]?.[6]).toBe('pipe -q run main.nf -name tiny_turing');
    expect((await runPipe(['log', '-q'], dir)).stdout.split('\n')[0]).toBe('tiny_turing');

    const barDir = await runPipe(['log', 'tiny_turing', '-F', "process == 'bar'"], dir);
    expect(barDir.code, barDir.stderr).toBe(0);
    const path = barDir.stdout.trim();
    expect(path.split('\n')).toHaveLength(1);
    expect(existsSync(join(path, '.command.sh'))).toBe(true);

    const last = await runPipe(['log', 'last', '-f', 'process,status,exit', '-s', ','], dir);
    expect(last.stdout.trim().split('\n').sort()).toEqual(['bar,CACHED,-', 'foo,CACHED,-']);
    const first2 = await runPipe(['log', '-before', 'last', '-t', '${process}:$exit'], dir);
    expect(first2.stdout.trim().split('\n').sort()).toEqual(['bar:0', 'foo:0']);
    const stdout = await runPipe(['log', 'tiny_turing', '-F', 'process =~ /ba.*/ && exit == 0', '-f', 'stdout'], dir);
    expect(stdout.stdout.trim()).toBe('3');
  });

  it('takes the launcher option -log and a filter on a field the tasks lack, and lists the fields with -l', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    expect((await runPipe(['-q', 'run', 'main.nf'], dir)).code).toBe(0);
    const none = await runPipe(['-log', '.nextflow.log', 'log', 'last', '-F', 'container = "ubuntu"'], dir);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toBe('');
    const fields = await runPipe(['log', '-l'], dir);
    expect(fields.stdout).toContain('  workdir\n');
    expect(fields.stdout).toContain('  pcpu\n');
    const bad = await runPipe(['log', 'last', '-f', 'workdri'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean `workdir`?');
    const unknown = await runPipe(['log', 'nosuchrun'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no run "nosuchrun"');
  });
});

describe('pipe clean', () => {
  it('refuses without -n or -f, lists with -n, and removes old runs but what the last run reuses', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    expect((await runPipe(['-q', 'run', 'main.nf'], dir)).code).toBe(0);
    const reused = workDirs(dir);
    expect(reused).toHaveLength(2);
    // A changed bar: the second run reuses foo and runs bar again.
    writeFileSync(join(dir, 'main.nf'), MAIN.replace('wc -l', 'wc -c'));
    expect((await runPipe(['-q', 'run', 'main.nf', '-resume'], dir)).code).toBe(0);
    expect(workDirs(dir)).toHaveLength(3);

    const refused = await runPipe(['clean', '-but', 'last'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('neither -f nor -n given');

    const listed = await runPipe(['clean', '-but', 'last', '-n'], dir);
    expect(listed.code, listed.stderr).toBe(0);
    const staleBar = reused.find((d) => listed.stdout.includes(d));
    expect(listed.stdout.match(/Would remove \//g)).toHaveLength(1); // old bar only: foo's dir is reused
    expect(workDirs(dir)).toHaveLength(3);

    const cleaned = await runPipe(['clean', '-but', 'last', '-f'], dir);
    expect(cleaned.code, cleaned.stderr).toBe(0);
    expect(existsSync(staleBar as string)).toBe(false);
    expect(workDirs(dir)).toHaveLength(2);
    expect((await runPipe(['log', '-q'], dir)).stdout.trim().split('\n')).toHaveLength(1);

    const resumed = await runPipe(['run', 'main.nf', '-resume', '-plain'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/0 succeeded, 2 cached/);

    const all = await runPipe(['clean', '-f', '-q'], dir);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toBe('');
  });

  it('keeps the logs of work dirs with -k', async () => {
    const dir = scratchDir({ 'main.nf': MAIN });
    expect((await runPipe(['-q', 'run', 'main.nf'], dir)).code).toBe(0);
    const cleaned = await runPipe(['clean', 'last', '-k', '-f'], dir);
    expect(cleaned.code, cleaned.stderr).toBe(0);
    for (const work of workDirs(dir)) {
      expect(readdirSync(work).every((f) => f.startsWith('.command.') || f === '.exitcode')).toBe(true);
      expect(existsSync(join(work, '.command.sh'))).toBe(true);
    }
    expect((await runPipe(['log', '-q'], dir)).stdout.trim()).not.toBe('');
  });
});
