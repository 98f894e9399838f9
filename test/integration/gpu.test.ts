// GPU slots and GPU figures through the built CLI, on a fake two-GPU node: an `nvidia-smi` on PATH that prints the
// documented CSV formats (fixtures/gpu), listing as compute processes the pids the tasks write down.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/gpu');
const UUIDS = ['GPU-3f7b8a52-91c4-7e0d-2b6a-5c1e9d08f4a7', 'GPU-8d2e6c17-4a5b-3f90-c1d8-7e6b2a5f0934'];

// A directory with a fake nvidia-smi; compute processes are the lines of $GPU_APPS.
function fakeNode(dir: string): NodeJS.ProcessEnv {
  writeFileSync(join(dir, 'uuids.txt'), `${UUIDS.join('\n')}\n`);
  const script = `#!/bin/bash
case "$1" in
  --query-gpu=index) printf '0\\n1\\n' ;;
  --query-gpu=*) cat '${FIXTURES}/nvidia-query-gpu.csv' ;;
  --query-compute-apps=*) cat "$GPU_APPS" 2>/dev/null ;;
  *) exit 6 ;;
esac
`;
  writeFileSync(join(dir, 'nvidia-smi'), script);
  chmodSync(join(dir, 'nvidia-smi'), 0o755);
  return { PATH: `${dir}:${process.env.PATH}`, GPU_APPS: join(dir, 'apps.csv'), CUDA_VISIBLE_DEVICES: '' };
}

// A task that holds one GPU for `secs`, noting its device and times, and registering as a compute process.
const gpuTask = (id: string, secs: number, dir: string): string => `  - id: ${id}
    gpus: 1
    command: |
      uuid=$(sed -n "$((CUDA_VISIBLE_DEVICES + 1))p" ${dir}/uuids.txt)
      echo "$$, $uuid, 1536" >> "$GPU_APPS"
      echo "${id} $CUDA_VISIBLE_DEVICES $EPOCHREALTIME" >> ${dir}/held.txt
      sleep ${secs}
      echo "${id} $CUDA_VISIBLE_DEVICES $EPOCHREALTIME" >> ${dir}/held.txt
`;

describe('GPU slots on a fake two-GPU node', () => {
  it('gives tasks that ask for `gpus: 1` different devices, never sharing one, and records their GPU figures', async () => {
    const dir = scratchDir();
    const env = fakeNode(dir);
    const yaml = `tasks:\n${gpuTask('a', 2.5, dir)}${gpuTask('b', 2.5, dir)}${gpuTask('c', 0.5, dir)}`;
    writeFileSync(join(dir, 'tasks.yaml'), yaml);
    const result = await runPipe(['run', 'tasks.yaml', '-j', '3', '--with-trace', 'trace.txt'], dir, env);
    expect(result.stderr).toContain('succeeded');
    expect(result.code).toBe(0);
    // Each task's [device, start, end]; overlapping holds of one device are a failure.
    const spans = new Map<string, { device: string; start: number; end: number }>();
    for (const line of readFileSync(join(dir, 'held.txt'), 'utf8').trim().split('\n')) {
      const [id, device, time] = line.split(' ');
      const span = spans.get(id!);
      if (span === undefined) spans.set(id!, { device: device!, start: Number(time), end: Number.POSITIVE_INFINITY });
      else span.end = Number(time);
    }
    expect([...spans.values()].every((s) => s.device === '0' || s.device === '1')).toBe(true);
    const all = [...spans.entries()];
    for (const [i, [idA, a]] of all.entries())
      for (const [idB, b] of all.slice(i + 1))
        if (a.device === b.device) expect(a.end <= b.start || b.end <= a.start, `${idA} and ${idB} shared`).toBe(true);
    expect(spans.get('a')!.device).not.toBe(spans.get('b')!.device);

    const [head, ...rows] = readFileSync(join(dir, 'trace.txt'), 'utf8').trim().split('\n');
    const header = head!.split('\t');
    const byId = new Map(
      rows.map((r) => [r.split('\t')[0], Object.fromEntries(r.split('\t').map((c, i) => [header[i], c]))]),
    );
    for (const id of ['a', 'b']) {
      const row = byId.get(id)!;
      expect(row.peak_gpu_mem).toBe('1.5 GB');
      expect(row.gpu_util).toBe(spans.get(id)!.device === '0' ? '87.0%' : '42.0%');
    }
  });

  it('fails a task that asks for more GPUs than the node has, naming both counts', async () => {
    const dir = scratchDir({ 'tasks.yaml': 'tasks:\n  - id: big\n    gpus: 3\n    command: "true"\n' });
    const result = await runPipe(['run', 'tasks.yaml'], dir, fakeNode(dir));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('needs 3 GPUs but this node has 2');
  });
});
