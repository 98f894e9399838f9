import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

describe('pipe run on a text task list', () => {
  it('runs 1,000 commands that each write a file, and status shows 1000 succeeded', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `echo ${i} > out/${i}.txt`);
    const fresh = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    mkdirSync(join(fresh, 'out'));
    const result = await runPipe(['run', 'list.txt', '-j', '2', '--quiet'], fresh);
    expect(result.code).toBe(0);
    expect(readdirSync(join(fresh, 'out'))).toHaveLength(1000);
    expect(readFileSync(join(fresh, 'out', '999.txt'), 'utf8')).toBe('999\n');
    const status = await runPipe(['status'], fresh);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/succeeded\s+1,000/);
    expect(status.stdout).toMatch(/run \S+: succeeded/);
  });

  it('substitutes each line into --template with GNU parallel replacement strings', async () => {
    const dir = scratchDir({ 'files.txt': 'data/a.fastq.gz\ndata/b.fastq.gz\n' });
    const result = await runPipe(['run', 'files.txt', '--quiet', '--template', 'echo {/.} {//} {#} >> names.txt'], dir);
    expect(result.code).toBe(0);
    const names = readFileSync(join(dir, 'names.txt'), 'utf8').trim().split('\n').sort();
    expect(names).toEqual(['a.fastq data 1', 'b.fastq data 2']);
  });

  it('passes task stdout through and prints progress and a summary on stderr', async () => {
    const dir = scratchDir({ 'list.txt': 'echo hello-from-a-task\n' });
    const result = await runPipe(['run', 'list.txt'], dir);
    expect(result.stdout).toContain('hello-from-a-task');
    expect(result.stderr).toMatch(/pipe: run \S+ succeeded in .*1 succeeded/);
  });

  it('writes every event as a JSON line with --log-format json', async () => {
    const dir = scratchDir({ 'list.txt': 'true\ntrue\n' });
    const result = await runPipe(['run', 'list.txt', '--log-format', 'json'], dir);
    const events = result.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; to?: string });
    expect(events[0]?.type).toBe('run.started');
    expect(events.at(-1)?.type).toBe('run.finished');
    expect(events.filter((e) => e.type === 'task.state' && e.to === 'succeeded')).toHaveLength(2);
  });

  it('runs YAML tasks in Nextflow-style work dirs, after their dependencies', async () => {
    const yaml = [
      'tasks:',
      '  - id: make',
      '    command: echo data > ../../../shared.txt',
      '  - id: use',
      '    after: [make]',
      '    command: |',
      '      cat ../../../shared.txt',
      '      echo used >&2',
      '    tags: {sample: A1}',
    ].join('\n');
    const dir = scratchDir({ 'tasks.yaml': `${yaml}\n` });
    const result = await runPipe(['run', 'tasks.yaml', '--quiet'], dir);
    expect(result.stderr).toContain('2 succeeded');
    expect(result.code).toBe(0);
    const tasks = await runPipe(['tasks', '--tag', 'sample=A1'], dir);
    expect(tasks.stdout).toMatch(/use\s+succeeded/);
    expect(tasks.stdout).not.toMatch(/make\s+succeeded/);
    const workRoot = join(dir, 'work');
    const dirs = readdirSync(workRoot).flatMap((a) => readdirSync(join(workRoot, a)).map((b) => join(workRoot, a, b)));
    expect(dirs).toHaveLength(2);
    const useDir = dirs.find((d) => readFileSync(join(d, '.command.sh'), 'utf8').includes('cat')) as string;
    for (const f of ['.command.sh', '.command.run', '.command.begin', '.command.out', '.command.err', '.command.log']) {
      expect(existsSync(join(useDir, f)), f).toBe(true);
    }
    expect(readFileSync(join(useDir, '.exitcode'), 'utf8')).toBe('0');
    expect(readFileSync(join(useDir, '.command.out'), 'utf8')).toBe('data\n');
    expect(readFileSync(join(useDir, '.command.err'), 'utf8')).toBe('used\n');
  });
});
