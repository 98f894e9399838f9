// A pilot agent killed with SIGKILL takes its running tasks with it: their process groups end before the server,
// once the agent's lease has expired, hands the retries to another agent — no attempt overlaps the next, and
// nothing of the dead agent runs on.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor, type CliResult } from '../../helpers/cli.js';

const started: { child: ChildProcess; done: Promise<CliResult> }[] = [];
afterEach(async () => {
  for (const one of started.splice(0)) {
    if (one.child.exitCode === null && one.child.signalCode === null) one.child.kill('SIGKILL');
    await one.done;
  }
});

// Starts `pipe ARGS` in `dir`, to be killed after the test.
function start(args: readonly string[], dir: string): { child: ChildProcess; done: Promise<CliResult> } {
  const one = startPipe(args, dir, { PIPE_TOKEN: '' });
  started.push(one);
  return one;
}

// A task that appends `start NS PGID` to marks/ID, then sleeps (long on its first attempt, briefly on a retry) and
// appends `end NS PGID`; SIGTERM also appends its end.
const TASK = `#!/bin/sh
f="$(dirname "$0")/marks/$1"
pgid=$(ps -o pgid= -p $$ | tr -d ' ')
if [ -s "$f" ]; then d=1; else d=60; fi
echo "start $(date +%s%N) $pgid" >> "$f"
trap 'echo "end $(date +%s%N) $pgid" >> "$f"; exit 143' TERM
sleep "$d" & wait $!
echo "end $(date +%s%N) $pgid" >> "$f"
`;

interface Mark {
  readonly kind: 'start' | 'end';
  readonly ns: bigint;
  readonly pgid: number;
}

// The marks of task `id`, in order.
function marks(dir: string, id: string): Mark[] {
  const file = join(dir, 'marks', id);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .map(([kind, ns, pgid]) => ({ kind: kind as Mark['kind'], ns: BigInt(ns!), pgid: Number(pgid) }));
}

// Whether any process of group `pgid` exists.
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

// Pids of the processes whose working directory is `dir` (an agent's launchers, watchers and tasks).
function processesIn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === dir;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('a pilot agent killed with SIGKILL', () => {
  it('leaves no task running beside its retries, and no process behind', async () => {
    const dir = scratchDir({ 'task.sh': TASK });
    mkdirSync(join(dir, 'marks'));
    const ids = ['t1', 't2'];
    writeFileSync(join(dir, 'list.txt'), ids.map((id) => `sh ${join(dir, 'task.sh')} ${id}\n`).join(''));
    const server = start(['server', '--port', '0', '--heartbeat', '0.5'], dir);
    let serverLog = '';
    server.child.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
    await waitFor(() => /listening on (\S+)/.test(serverLog), 30_000);
    const url = /listening on (\S+)/.exec(serverLog)![1]!;
    const token = join(dir, '.pipe', 'pilot', 'token');

    const doomedDir = join(dir, 'doomed');
    mkdirSync(doomedDir);
    const doomed = start(['agent', '--server', url, '--token-file', token, '-j', '2'], doomedDir);
    expect((await runPipe(['submit', 'list.txt', '--server', url], dir, { PIPE_TOKEN: '' })).code).toBe(0);
    await waitFor(() => ids.every((id) => marks(dir, id).length === 1), 30_000);
    const first = ids.map((id) => marks(dir, id)[0]!);
    expect(first.every((m) => groupAlive(m.pgid))).toBe(true);

    // The other agent is there before the kill: only the server's lease decides when the retries start.
    const heirDir = join(dir, 'heir');
    mkdirSync(heirDir);
    const heir = start(['agent', '--server', url, '--token-file', token, '-j', '2'], heirDir);
    let heirLog = '';
    heir.child.stderr?.on('data', (chunk: Buffer) => (heirLog += chunk.toString()));
    await waitFor(() => heirLog.includes('connected to'), 30_000);
    doomed.child.kill('SIGKILL');
    await doomed.done;

    // Watch the dead agent's process groups and the retries' starts.
    let retryStartedWhileAlive = false;
    await waitFor(() => {
      const alive = first.some((m) => groupAlive(m.pgid));
      const retried = ids.some((id) => marks(dir, id).filter((m) => m.kind === 'start').length > 1);
      if (retried && alive) retryStartedWhileAlive = true;
      return ids.every((id) => marks(dir, id).filter((m) => m.kind === 'end').length === 2);
    }, 60_000);
    expect(retryStartedWhileAlive).toBe(false);

    for (const id of ids) {
      const [start1, end1, start2, end2] = marks(dir, id);
      expect([start1?.kind, end1?.kind, start2?.kind, end2?.kind]).toEqual(['start', 'end', 'start', 'end']);
      expect(end1!.ns < start2!.ns).toBe(true); // the first attempt ended before its retry began
      expect(start2!.pgid).not.toBe(start1!.pgid);
    }
    expect(first.some((m) => groupAlive(m.pgid))).toBe(false);
    expect(processesIn(doomedDir)).toEqual([]); // no launcher, watcher or task of the dead agent is left
    expect(serverLog).toMatch(/agent-lost/);
  }, 120_000);
});
