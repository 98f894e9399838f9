import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pipeBin, scratchDir, waitFor } from '../helpers/cli.js';
import { testSshd } from '../helpers/sshd.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const socket = `pipe-test-${randomBytes(4).toString('hex')}`;
const tmux = (...args: string[]): string =>
  execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
afterAll(() => void spawnSync('tmux', ['-L', socket, 'kill-server']));

// Runs `pipe ARGS` in a fresh 100x30 tmux pane in `dir` (outside CI mode, as a user's terminal) and resolves with
// the pane's text once pipe has exited.
async function runInPane(dir: string, args: string, env = ''): Promise<string> {
  const name = `t${randomBytes(3).toString('hex')}`;
  const command = `cd '${dir}' && env -u CI TERM=xterm-256color ${env} '${process.execPath}' '${pipeBin}' ${args}; echo "PIPE-EXIT=$?"; sleep 600`;
  tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', command);
  let pane = '';
  await waitFor(() => (pane = tmux('capture-pane', '-p', '-t', name)).includes('PIPE-EXIT='), 60_000);
  return pane;
}

describe.skipIf(!hasTmux && process.env.PIPE_REQUIRE_SERVICES !== '1')('pipe run on a terminal (tmux)', () => {
  it('shows the live view: a row per step with its counts, the failure with its log, and the final summary', async () => {
    const yaml = [
      'tasks:',
      '  - id: prepare',
      '    command: sleep 0.2',
      '  - id: align',
      '    after: prepare',
      '    command: echo aligned',
      '  - id: broken',
      '    after: prepare',
      '    command: echo "no such sample" >&2; exit 4',
      '  - id: merge',
      '    after: [align, broken]',
      '    command: echo merged',
    ].join('\n');
    const dir = scratchDir({ 'flow.yaml': `${yaml}\n` });
    const pane = await runInPane(dir, 'run flow.yaml -j 2 -k');
    const lines = pane.split('\n');
    expect(lines[0]).toMatch(/^pipe flow\.yaml run \d{8}-\d{6}-[0-9a-f]{4} on local$/);
    expect(lines[1]).toMatch(/^elapsed \S+ · 3\/4 done · 0 running · 1 failed/);
    expect(pane).toMatch(/✔ prepare\s+█+\s+1\/1 · latest prepare/);
    expect(pane).toMatch(/✔ align\s+█+\s+1\/1/);
    expect(pane).toMatch(/✖ broken\s+█+\s+1\/1 1 failed/);
    expect(pane).toMatch(/· merge\s+░+\s+0\/1$/m);
    expect(pane).toMatch(/✖ task broken \(broken, attempt 1\): exit code 4 — see work\/[0-9a-f]{2}\/[0-9a-f]{30}/);
    // The summary may wrap at the pane's width.
    expect(pane.replace(/\n/g, ' ')).toMatch(
      /pipe: run \S+ failed in \S+: 2 succeeded, 0 cached, 1 failed, 0 cancelled, 1\s+not\s+run/,
    );
    expect(pane).toContain('PIPE-EXIT=1');
    expect(pane).not.toContain('pipe: task broken failed');
  });

  it('counts as running only started tasks, and marks a step whose tasks were cancelled ⊘, not ✔', async () => {
    const dir = scratchDir({ 'list.txt': `${Array.from({ length: 8 }, () => 'sleep 30').join('\n')}\n` });
    const name = `t${randomBytes(3).toString('hex')}`;
    const command = `cd '${dir}' && env -u CI TERM=xterm-256color '${process.execPath}' '${pipeBin}' run list.txt -j 2; echo "PIPE-EXIT=$?"; sleep 600`;
    tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '30', command);
    let pane = '';
    await waitFor(() => /· 2 running/.test((pane = tmux('capture-pane', '-p', '-t', name))), 60_000);
    expect(pane.split('\n')[1]).toMatch(/^elapsed \S+ · 0\/8 done · 2 running/);
    tmux('send-keys', '-t', name, 'C-c');
    await waitFor(() => (pane = tmux('capture-pane', '-p', '-t', name)).includes('PIPE-EXIT='), 60_000);
    expect(pane).toMatch(/⊘ list\.txt\s+\S+\s+\d\/8 \d cancelled/);
    expect(pane).not.toMatch(/✔ list\.txt/);
  });

  it("keeps light tasks' output off the view, in .pipe/task-output.log, and names that file", async () => {
    const dir = scratchDir({
      'list.txt': `${Array.from({ length: 20 }, (_, i) => `echo output-of-task-${i + 1}`).join('\n')}\n`,
    });
    const pane = await runInPane(dir, 'run list.txt -j 2');
    expect(pane).toMatch(/✔ list\.txt\s+█+\s+20\/20 · latest \d+/);
    expect(pane).toMatch(/pipe: run \S+ succeeded in \S+: 20 succeeded, 0 cached, 0 failed, 0 cancelled/);
    expect(pane).toContain(`task output: ${join(dir, '.pipe', 'task-output.log')}`);
    expect(pane).not.toContain('output-of-task-');
    expect(readFileSync(join(dir, '.pipe', 'task-output.log'), 'utf8')).toContain('output-of-task-20\n');
  });

  it("shows staging's transfers under the steps: inputs fetched over scp:// and sftp://", async () => {
    const sshd = testSshd();
    if (sshd === undefined) return; // no test sshd here (CI requires one)
    const remote = scratchDir({ 'a.txt': 'alpha\n', 'b.txt': 'beta\n' });
    const yaml = [
      'tasks:',
      '  - id: join',
      '    inputs:',
      `      a.txt: scp://pipe-sshd${remote}/a.txt`,
      `      b.txt: sftp://pipe-sshd${remote}/b.txt`,
      '    command: cat a.txt b.txt > ab.txt',
    ].join('\n');
    const dir = scratchDir({ 'flow.yaml': `${yaml}\n` });
    const pane = await runInPane(dir, 'run flow.yaml', `HOME='${sshd.home}' SSH_AUTH_SOCK=`);
    expect(pane).toContain('PIPE-EXIT=0');
    expect(pane).toMatch(/✔ join\s+█+\s+1\/1/);
    expect(pane).toMatch(/^transfers: 0 running, 2 done · 11 B of 11 B$/m);
  });

  it('prints plain progress lines instead with --plain', async () => {
    const dir = scratchDir({ 'list.txt': 'echo visible-output\n' });
    const pane = await runInPane(dir, 'run list.txt --plain');
    expect(pane).toMatch(/pipe: run \S+ of \S+list\.txt on local/);
    expect(pane).toContain('visible-output');
    expect(pane).not.toMatch(/^elapsed /m);
  });
});
