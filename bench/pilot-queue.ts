// Pilot queue memory: a real `pipe server` takes N `true` lines from `pipe submit`; its peak RSS must stay under
// 1 GiB however long the queue. Run alone with `node dist/bench/pilot-queue.js [N]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, peakRss } from './measure.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pipeBin = join(root, 'dist', 'bundle', 'pipe.cjs');

const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

// Starts `pipe server --port 0` in `dir`; resolves once it prints its URL.
function startServer(dir: string): Promise<{ url: string; pid: number; stop(): Promise<number | null> }> {
  const child = spawn(pipeBin, ['server', '--port', '0'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    child.on('error', reject);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /listening on (\S+)/.exec(stderr)?.[1];
      if (url === undefined || child.pid === undefined) return;
      child.stderr.removeAllListeners('data');
      child.stderr.resume();
      resolvePromise({
        url,
        pid: child.pid,
        stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`pipe server exited ${code} before listening: ${stderr}`)));
  });
}

// Submits N `true` lines to a fresh server and prints the time taken and the server's peak RSS.
export async function pilotQueueMemory(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-pilot-'));
  try {
    const list = join(dir, 'true.txt');
    writeFileSync(list, 'true\n'.repeat(n));
    const server = await startServer(dir);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, peakRss(server.pid))), 50);
    const submit = await measure(pipeBin, ['submit', list, '--server', server.url], { cwd: dir });
    const tasks = await measure(pipeBin, ['tasks', '--server', server.url, '--limit', '1'], { cwd: dir });
    peak = Math.max(peak, peakRss(server.pid));
    clearInterval(sampler);
    const stopped = await server.stop();
    const rate = Math.round(n / (submit.ms / 1000));
    console.log(
      `pilot queue n=${n}: pipe submit ${(submit.ms / 1000).toFixed(2)} s (${rate}/s, client peak RSS ${mib(submit.peakRssBytes)}, exit ${submit.exitCode}) · ` +
        `pipe tasks --server ${(tasks.ms / 1000).toFixed(2)} s · server peak RSS ${mib(peak)} (exit ${stopped})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await pilotQueueMemory(Number(process.argv[2] ?? 1_000_000));
}
