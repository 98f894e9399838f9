// `pipe serve`'s event stream of a running run carries the run's own engine events (as its live view reads them)
// and the live view's snapshot, besides the store's updates.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir, startPipe, waitFor } from '../helpers/cli.js';

interface SseEvent {
  readonly event: string;
  readonly data: string;
}

// Reads server-sent events from `url` until `enough` says so (or the stream ends); returns them.
async function readEvents(url: string, token: string, enough: (seen: SseEvent[]) => boolean): Promise<SseEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 60_000);
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(res.status).toBe(200);
  const seen: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event !== undefined && data !== undefined) seen.push({ event, data });
      }
      if (enough(seen)) break;
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return seen;
}

describe('pipe serve: the live event stream of a running run', () => {
  it('relays the engine events and the live view of the run, which the store does not have yet', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `sleep 1 && echo task-${i}`).join('\n');
    const dir = scratchDir({ 'slow.txt': `${lines}\n` });
    const run = startPipe(['run', 'slow.txt', '-j', '2', '--plain'], dir);
    const liveDir = join(dir, '.pipe', 'live');
    await waitFor(() => existsSync(liveDir) && readdirSync(liveDir).length > 0, 30_000);
    const runId = readdirSync(liveDir)[0]!.replace(/\.json$/, '');
    const server = startPipe(['serve', '--port', '0'], dir);
    let stderr = '';
    server.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await waitFor(() => /\?token=\w+/.test(stderr), 30_000);
      const origin = new URL(/(http:\S+)\?token=/.exec(stderr)![1]!).origin;
      const token = readFileSync(join(dir, '.pipe', 'serve', 'token'), 'utf8').trim();
      const url = `${origin}/api/runs/${runId}/events`;

      // Everything: the run's light tasks start and end as engine events; the live view counts them running.
      const all = await readEvents(url, token, (seen) =>
        seen.some((e) => e.event === 'task.state' && JSON.parse(e.data).to === 'succeeded'),
      );
      const live = all.find((e) => e.event === 'live');
      expect(live, JSON.stringify(all.slice(0, 5))).toBeDefined();
      expect(JSON.parse(live!.data).snapshot.runId).toBe(runId);
      const running = all.filter((e) => e.event === 'live').map((e) => JSON.parse(e.data).snapshot.running as number);
      expect(Math.max(...running)).toBeGreaterThan(0);
      expect(all.some((e) => e.event === 'update')).toBe(true);

      // Only the types asked for, until the run ends.
      const finished = await readEvents(`${url}?types=run.finished`, token, (seen) =>
        seen.some((e) => e.event === 'run.finished'),
      );
      expect(finished.some((e) => e.event === 'task.state')).toBe(false);
      expect(JSON.parse(finished.find((e) => e.event === 'run.finished')!.data)).toMatchObject({
        runId,
        status: 'succeeded',
      });
      expect((await run.done).code).toBe(0);
      expect(existsSync(join(liveDir, `${runId}.json`))).toBe(false); // the run took its tap away
    } finally {
      server.child.kill('SIGTERM');
      run.child.kill('SIGTERM');
    }
  }, 120_000);
});
