// `pipe serve --server URL` in front of a real `pipe server`: POST /api/pilot/tasks queues tasks once per
// submission id, and GET /api/pilot/tasks lists the server's queue.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor } from '../helpers/cli.js';

// Starts `pipe ARGS` and waits for a line of its stderr to match.
async function started(args: string[], dir: string, pattern: RegExp) {
  const { child } = startPipe(args, dir);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitFor(() => pattern.test(stderr) || child.exitCode !== null, 30_000);
  const match = pattern.exec(stderr);
  if (match === null) throw new Error(`pipe ${args.join(' ')} did not start: ${stderr}`);
  return { match, stop: () => child.kill('SIGTERM') };
}

describe('pipe serve actions on a live run', () => {
  it('cancels a running run: its running tasks are cancelled and it ends cancelled', async () => {
    const dir = scratchDir({ 'slow.txt': 'sleep 30\nsleep 30\nsleep 30\n' });
    const run = startPipe(['run', 'slow.txt', '-j', '2', '--plain'], dir);
    await waitFor(() => existsSync(join(dir, '.pipe', 'pipe.db')), 30_000);
    const serve = await started(['serve', '--port', '0'], dir, /(http:\S+)\/\?token=(\w+)/);
    try {
      const base = serve.match[1]!;
      const auth = { authorization: `Bearer ${serve.match[2]!}` };
      let runId = '';
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const { runs } = (await (await fetch(`${base}/api/runs`, { headers: auth })).json()) as {
          runs: { id: string; status: string }[];
        };
        // Light tasks reach the store when they end; the run's record is there from its start.
        if (runs[0]?.status === 'running') {
          runId = runs[0].id;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(runId).not.toBe('');
      await new Promise((r) => setTimeout(r, 500)); // the two first tasks start
      const res = await fetch(`${base}/api/runs/${runId}/cancel`, { method: 'POST', headers: auth });
      expect(res.status).toBe(202);
      const result = await run.done;
      expect(result.code).toBe(130);
      const detail = (await (await fetch(`${base}/api/runs/${runId}`, { headers: auth })).json()) as {
        status: string;
        counts: Record<string, number>;
      };
      expect(detail.status).toBe('cancelled');
      expect(detail.counts.succeeded ?? 0).toBe(0);
    } finally {
      serve.stop();
      run.child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('pipe serve --server', () => {
  it('submits tasks to the pilot server once per submission id and lists its queue', async () => {
    const dir = scratchDir({ 'list.txt': 'true\n' });
    expect((await runPipe(['run', 'list.txt', '--plain'], dir)).code).toBe(0);
    const server = await started(['server', '--port', '0'], dir, /listening on (\S+)/);
    const serve = await started(
      ['serve', '--port', '0', '--server', server.match[1]!],
      dir,
      /(http:\S+)\/\?token=(\w+)/,
    );
    try {
      const base = serve.match[1]!;
      const auth = { authorization: `Bearer ${readFileSync(join(dir, '.pipe', 'serve', 'token'), 'utf8').trim()}` };
      const body = JSON.stringify({
        submissionId: 'batch-7',
        tasks: [
          { command: 'echo one', name: 'one', tags: { batch: '7' } },
          { command: 'echo two', name: 'two', tags: { batch: '7' } },
        ],
      });
      const post = () =>
        fetch(`${base}/api/pilot/tasks`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body,
        });
      const first = await post();
      expect(first.status).toBe(200);
      const a = (await first.json()) as { taskIds: string[]; replayed: boolean };
      expect(a.taskIds).toHaveLength(2);
      expect(a.replayed).toBe(false);
      const b = (await (await post()).json()) as { taskIds: string[]; replayed: boolean };
      expect(b).toEqual({ submissionId: 'batch-7', taskIds: a.taskIds, replayed: true });
      const queue = (await (await fetch(`${base}/api/pilot/tasks?tag=batch%3D7`, { headers: auth })).json()) as {
        counts: { queued: number };
        tasks: { id: string; state: string; name?: string }[];
      };
      expect(queue.counts.queued).toBe(2);
      expect(queue.tasks.map((t) => t.name).sort()).toEqual(['one', 'two']);
      expect((await fetch(`${base}/api/pilot/tasks`)).status).toBe(401);
    } finally {
      serve.stop();
      server.stop();
    }
  }, 60_000);
});
