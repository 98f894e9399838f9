// The grid template's own rules, on a scheduler made of shell one-liners (no cluster needed): .exitcode is the
// truth, a failed status query decides nothing, a job gone without .exitcode fails after the grace period, and
// submissions respect the rate cap; close() cancels jobs whose submission was in flight and waits for cancelled
// jobs to leave the queue.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend, JobStatus, PreparedTask } from '../../../engine/backend.js';
import { createGridBackend, type GridScheduler } from '../../../backends/grid/index.js';
import { writeWorkDir } from '../../../engine/workdir/index.js';
import { waitFor } from '../../helpers/cli.js';
import { scratchFiles } from '../../helpers/scratch-files.js';

const { dir } = scratchFiles('grid-template');

// A scheduler whose submit prints job ids from a counter file and whose status command is `statusScript`.
function fakeScheduler(statusScript: string, log: string): GridScheduler {
  return {
    name: 'fake',
    label: 'Fake',
    headerToken: '#FAKE',
    arrayQueryListsElements: true,
    directives: () => [],
    submitArgv: () => ['sh', '-c', `date +%s%3N >> '${log}'; n=$(wc -l < '${log}'); echo $((n + 100))`],
    parseJobId: (stdout) => stdout.trim(),
    statusArgv: () => ['sh', '-c', statusScript],
    parseStatus: (stdout) =>
      new Map(
        stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((id) => [id, { phase: 'running' as const, state: 'R' }]),
      ),
    statusGone: () => false,
    cancelArgv: () => ['true'],
    elementId: (batchId, index) => `${batchId}_${index}`,
    parseElementId: (id) => ({ batchId: id, index: undefined }),
  };
}

let seq = 0;
// A work-dir task in a fresh dir.
function workTask(step = 'step'): PreparedTask {
  seq += 1;
  const workDir = join(dir, 'work', String(seq));
  writeWorkDir(workDir, { script: 'true', name: `t${seq}` });
  return { id: `t${seq}`, name: `t${seq}`, stepName: step, light: false, command: 'true', workDir, cpus: 1 };
}

// Polls until `accept` holds for the job's status, or gives up after `ms` and returns the last status.
async function pollUntil(
  backend: Backend,
  id: string,
  accept: (s: JobStatus) => boolean,
  ms: number,
): Promise<JobStatus> {
  const deadline = Date.now() + ms;
  let status: JobStatus = { state: 'unknown' };
  while (Date.now() < deadline) {
    status = (await backend.poll([id])).get(id)!;
    if (accept(status)) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
  return status;
}

const options = {
  launchDir: dir,
  pollIntervalMs: 10,
  batchWindowMs: 0,
  exitGraceMs: 200,
  lightOutput: 'ignore' as const,
};

describe('grid template', () => {
  it('never completes a job while the status query fails, and completes it from .exitcode', async () => {
    mkdirSync(join(dir, 'a'), { recursive: true });
    const backend = createGridBackend(fakeScheduler('echo down >&2; exit 1', join(dir, 'a', 'submits')), options);
    const task = workTask();
    const id = await backend.submit(task, new AbortController().signal);
    const meanwhile = await pollUntil(backend, id, (s) => s.state === 'completed', 600);
    expect(meanwhile.state).toBe('queued');
    writeFileSync(join(task.workDir!, '.exitcode'), '0');
    const done = await pollUntil(backend, id, (s) => s.state === 'completed', 2_000);
    expect(done).toMatchObject({ state: 'completed', exitCode: 0 });
    await backend.close();
  });

  it('fails a started job that left the queue without .exitcode once the grace period is over', async () => {
    mkdirSync(join(dir, 'b'), { recursive: true });
    const backend = createGridBackend(fakeScheduler('true', join(dir, 'b', 'submits')), options);
    const task = workTask();
    writeFileSync(join(task.workDir!, '.command.begin'), '');
    const id = await backend.submit(task, new AbortController().signal);
    const status = await pollUntil(backend, id, (s) => s.state === 'completed', 3_000);
    expect(status).toMatchObject({ state: 'completed', exitCode: null, reason: 'ended without an exit code' });
    await backend.close();
  });

  it("submits tasks with different scheduler options as separate jobs, each with its queue and extra directives after the backend's", async () => {
    mkdirSync(join(dir, 'd'), { recursive: true });
    const log = join(dir, 'd', 'headers');
    const scheduler: GridScheduler = {
      ...fakeScheduler('true', join(dir, 'd', 'submits')),
      directives: (batch, site) => [
        `size=${batch.size}`,
        `queue=${site.queue ?? '-'}`,
        `account=${site.account ?? '-'}`,
        ...(site.clusterOptions ?? []),
      ],
      submitArgv: (script) => [
        'sh',
        '-c',
        `grep '^#FAKE' '${script}' | tr '\\n' ' ' >> '${log}'; echo >> '${log}'; echo 7`,
      ],
    };
    const backend = createGridBackend(scheduler, {
      ...options,
      batchWindowMs: 50,
      queue: 'main',
      account: 'lab',
      clusterOptions: ['--site'],
    });
    const signal = new AbortController().signal;
    const long = { queue: 'long', clusterOptions: ['--qos=high'] };
    await backend.submit({ ...workTask('align'), scheduler: long }, signal);
    await backend.submit({ ...workTask('align'), scheduler: { ...long } }, signal);
    await backend.submit({ ...workTask('align'), scheduler: { account: 'other' } }, signal);
    await backend.submit(workTask('align'), signal);
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').trim().split('\n').length === 3, 10_000);
    const headers = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.trim())
      .sort();
    expect(headers).toEqual([
      '#FAKE size=1 #FAKE queue=main #FAKE account=lab #FAKE --site',
      '#FAKE size=1 #FAKE queue=main #FAKE account=other #FAKE --site',
      '#FAKE size=2 #FAKE queue=long #FAKE account=lab #FAKE --site #FAKE --qos=high',
    ]);
    await backend.close();
  });

  it('cancels a job whose submission was still in flight when the backend closed, before close() returns', async () => {
    const at = join(dir, 'e');
    mkdirSync(at, { recursive: true });
    const scheduler: GridScheduler = {
      ...fakeScheduler('true', join(at, 'submits')),
      // sbatch that answers only once the test lets it
      submitArgv: () => [
        'sh',
        '-c',
        `touch '${at}/started'; while [ ! -e '${at}/release' ]; do sleep 0.02; done; echo 555`,
      ],
      cancelArgv: (ids) => ['sh', '-c', `echo "$*" >> '${at}/cancels'`, 'sh', ...ids],
    };
    const backend = createGridBackend(scheduler, options);
    await backend.submit(workTask(), new AbortController().signal);
    await waitFor(() => existsSync(join(at, 'started')), 10_000);
    const closing = backend.close();
    writeFileSync(join(at, 'release'), '');
    await closing;
    expect(readFileSync(join(at, 'cancels'), 'utf8')).toBe('555\n');
  });

  it('returns from close() after a cancellation only once the queue no longer lists the cancelled job', async () => {
    const at = join(dir, 'f');
    mkdirSync(at, { recursive: true });
    // The job is listed until cancelled, then (still completing) in the next three status queries.
    const status = `if [ ! -e '${at}/cancels' ]; then echo 101; exit 0; fi
n=$(($(cat '${at}/after' 2>/dev/null || echo 0) + 1)); echo $n > '${at}/after'; [ $n -le 3 ] && echo 101; true`;
    const scheduler: GridScheduler = {
      ...fakeScheduler(status, join(at, 'submits')),
      cancelArgv: (ids) => ['sh', '-c', `echo "$*" >> '${at}/cancels'`, 'sh', ...ids],
    };
    const backend = createGridBackend(scheduler, { ...options, exitGraceMs: 60_000 });
    const task = workTask();
    const id = await backend.submit(task, new AbortController().signal);
    await pollUntil(backend, id, (s) => s.state === 'running', 10_000);
    await backend.cancel([id]);
    await backend.close();
    expect(readFileSync(join(at, 'cancels'), 'utf8')).toBe('101\n');
    expect(Number(readFileSync(join(at, 'after'), 'utf8'))).toBe(4);
  });

  it("with monitoring, completes an ended job with its scheduler's accounting figures, and without when it has none", async () => {
    mkdirSync(join(dir, 'usage'), { recursive: true });
    const asked = join(dir, 'usage', 'asked');
    const scheduler: GridScheduler = {
      ...fakeScheduler('true', join(dir, 'usage', 'submits')),
      usageArgv: (id) => [
        'sh',
        '-c',
        `echo ${id} >> '${asked}'; [ ${id} = 101 ] && echo '${id}|00:02.500|307200K|0|0|0|00:00:03'`,
      ],
      parseUsage: (stdout, id) =>
        stdout.startsWith(`${id}|`) ? { cpuMs: 2500, peakRssBytes: 300 * 1024 * 1024 } : undefined,
    };
    const backend = createGridBackend(scheduler, { ...options, monitor: { intervalMs: 1000 } });
    const signal = new AbortController().signal;
    const measured = workTask('one'); // steps of their own: two plain jobs, 101 and 102
    const unmeasured = workTask('other');
    const first = await backend.submit(measured, signal);
    const second = await backend.submit(unmeasured, signal);
    writeFileSync(join(measured.workDir!, '.exitcode'), '0');
    writeFileSync(join(unmeasured.workDir!, '.exitcode'), '3');
    expect(await pollUntil(backend, first, (s) => s.state === 'completed', 3_000)).toMatchObject({
      state: 'completed',
      exitCode: 0,
      resources: { cpuMs: 2500, peakRssBytes: 300 * 1024 * 1024 },
    });
    const other = await pollUntil(backend, second, (s) => s.state === 'completed', 3_000);
    expect(other).toMatchObject({ state: 'completed', exitCode: 3 });
    expect(other.state === 'completed' && other.resources).toBeFalsy();
    expect(readFileSync(asked, 'utf8').split('\n').filter(Boolean).sort()).toEqual(['101', '102']); // once each
    await backend.close();
  });
});
