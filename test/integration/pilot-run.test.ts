// `pipe run --agents local:2`: every workflow format through an embedded pilot server and two agent processes,
// and a run that loses one of its agents mid-way.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor } from '../helpers/cli.js';
import { CWL_FIXTURES, DSL_FIXTURES, spellOptions } from '../helpers/format-fixtures.js';

// Pids of the `pipe agent` processes whose parent is `parent`.
function agentPids(parent: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,ppid=,args=', '-e'], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => Number(f[1]) === parent && f.includes('agent'))
    .map((f) => Number(f[0]));
}

describe('pipe run with the pilot backend and local agents', () => {
  it('runs a task list through two agents, and status shows every task succeeded', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `echo ${i} > out/${i}.txt`);
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    mkdirSync(join(dir, 'out'));
    const result = await runPipe(['run', 'list.txt', '--agents', 'local:2', '--quiet'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toHaveLength(300);
    expect(readFileSync(join(dir, 'out', '299.txt'), 'utf8')).toBe('299\n');
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/succeeded\s+300/);
  }, 60_000);

  it.each([...DSL_FIXTURES, ...CWL_FIXTURES])(
    'runs $name unchanged with --agents local:2',
    async (fixture) => {
      const { args, env, check } = fixture;
      const dir = scratchDir();
      const result = await runPipe(['run', ...args, ...spellOptions(fixture, ['--agents', 'local:2'])], dir, env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(' on pilot');
      check(dir, `${result.stdout}${result.stderr}`);
    },
    120_000,
  );

  it('completes every task once when one of its two agents is killed mid-run; the other runs the lost tasks', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `sleep 0.05; echo ${i} >> ran.txt`);
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    const run = startPipe(
      ['run', 'list.txt', '--agents', 'local:2', '--backend-opt', 'heartbeatTimeout=2s', '--quiet'],
      dir,
    );
    const ran = (): string[] => {
      try {
        return readFileSync(join(dir, 'ran.txt'), 'utf8').trim().split('\n');
      } catch {
        return [];
      }
    };
    await waitFor(() => ran().length >= 20 && agentPids(run.child.pid!).length === 2);
    const [victim] = agentPids(run.child.pid!);
    process.kill(victim!, 'SIGKILL');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    const done = new Set(ran().map(Number));
    expect(done.size).toBe(200); // every task ran; the ones the dead agent held ran again on another
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/succeeded\s+200/);
    expect(status.stdout).not.toMatch(/failed\s+[1-9]/);
  }, 90_000);

  it('runs agents with a walltime one after another: each drains before its end and nothing counts as a failure', async () => {
    const lines = Array.from({ length: 6 }, (_, i) => `sleep 1; echo ${i} >> ran.txt`);
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    const args = [
      '--agents',
      'local:1',
      '--backend-opt',
      'agentJobs=1',
      '--backend-opt',
      'walltime=3s',
      '--retries',
      '0',
      '--quiet',
    ];
    const result = await runPipe(['run', 'list.txt', ...args], dir);
    expect(result.code, result.stderr).toBe(0);
    const ran = readFileSync(join(dir, 'ran.txt'), 'utf8').trim().split('\n').map(Number);
    expect(new Set(ran).size).toBe(6);
    const [pilotDir] = readdirSync(join(dir, '.pipe', 'pilot'));
    const agentLogs = readdirSync(join(dir, '.pipe', 'pilot', pilotDir!, 'agents'));
    expect(agentLogs.length).toBeGreaterThanOrEqual(2); // no agent could run all six within its 3 s
    const said = agentLogs
      .map((log) => readFileSync(join(dir, '.pipe', 'pilot', pilotDir!, 'agents', log), 'utf8'))
      .join('');
    expect(said).toMatch(/exiting \(walltime\)/);
  }, 90_000);

  it('stops before anything starts, naming the option, when a pilot option is bad', async () => {
    const dir = scratchDir({ 'list.txt': 'echo ran > ran.txt\n' });
    const badTime = await runPipe(['run', 'list.txt', '--agents', 'local:2', '--backend-opt', 'walltime=soon'], dir);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('Invalid duration for pilot option walltime: "soon"');
    const badSpec = await runPipe(['run', 'list.txt', '--agents', 'cloud:3'], dir);
    expect(badSpec.code).toBe(2);
    expect(badSpec.stderr).toContain('Invalid agents specification "cloud:3"');
    expect(existsSync(join(dir, 'ran.txt'))).toBe(false);
    expect(existsSync(join(dir, '.pipe', 'pilot'))).toBe(false);
  }, 30_000);
});
