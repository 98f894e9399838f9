// pipe as a library: a temp project that has pipe in its node_modules imports it by name, runs a task list with its
// own hooks, and type-checks against the package's typed entry.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');

// A project with pipe installed (a link, as `npm install ../pipe` makes) and the given files.
function project(files: Record<string, string>): string {
  const dir = scratchDir(files);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'pipe'), 'dir');
  return dir;
}

describe("import { run } from 'pipe'", () => {
  it('runs a workflow in-process and calls the caller’s hooks for every attempt', () => {
    const dir = project({
      'list.txt': 'echo one\nexit 3\n',
      'main.mjs': `
import { run } from 'pipe';
const seen = [];
const result = await run('list.txt', {
  keepGoing: true,
  hooks: {
    onReturned: (task, outcome) => seen.push(task.taskId + ':' + outcome.state + ':' + outcome.exitCode),
    onRunEnd: (summary) => seen.push('end:' + summary.status),
  },
});
console.log(JSON.stringify({ exitCode: result.exitCode, seen: seen.sort() }));
`,
    });
    const child = spawnSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).not.toMatch(/Error|error:/);
    expect(JSON.parse(child.stdout.trim().split('\n').at(-1)!)).toEqual({
      exitCode: 1,
      seen: ['1:succeeded:0', '2:failed:3', 'end:failed'],
    });
  });

  it('type-checks a caller against the package’s typed entry, and rejects an option of the wrong type', () => {
    const good = `import { run, type PluginHooks, type RunResult } from 'pipe';
const hooks: PluginHooks = { onStart: (task) => void task.taskId.toUpperCase() };
export const done: Promise<RunResult> = run('list.txt', { hooks, jobs: 2, withMonitoring: true });
`;
    const dir = project({
      'good.ts': good,
      'bad.ts': `import { run } from 'pipe';\nexport const p = run('x', { jobs: 'two' });\n`,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          target: 'ES2022',
        },
      }),
    });
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const ok = spawnSync(process.execPath, [tsc, '-p', '.', '--listFiles'], { cwd: dir, encoding: 'utf8' });
    expect(ok.stdout).toContain('bad.ts');
    expect(ok.stdout.split('\n').filter((l) => l.includes('error TS'))).toEqual([
      expect.stringMatching(/^bad\.ts\(2,\d+\): error TS2322: .*'string'.*'number'/),
    ]);
  });
});
