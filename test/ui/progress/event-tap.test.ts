import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventBus, type PipeEvent } from '../../../engine/events.js';
import { openEventTap, tapPointerFile, type TapPointer } from '../../../ui/progress/event-tap.js';
import { connectTap } from '../../../ui/web/tap-client.js';
import { waitFor } from '../../helpers/cli.js';

const started: PipeEvent = {
  type: 'run.started',
  time: 1,
  runId: 'r1',
  workflow: 'w.txt',
  backend: 'local',
  steps: [{ id: 's', name: 's' }],
} as unknown as PipeEvent;
const state = (taskId: string, from: string, to: string): PipeEvent =>
  ({ type: 'task.state', time: 2, runId: 'r1', stepId: 's', taskId, attempt: 1, from, to }) as unknown as PipeEvent;

describe('the event tap of a running run', () => {
  it('gives a client the live snapshot, then every event, through a private socket named in .pipe/live', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'pipe-tap-test-'));
    const bus = createEventBus();
    const warnings: string[] = [];
    const tap = openEventTap(bus, stateDir, (m) => warnings.push(m));
    bus.emit(state('before', 'pending', 'submitted')); // before the run starts: no socket yet
    expect(existsSync(tapPointerFile(stateDir, 'r1'))).toBe(false);
    bus.emit(started);
    bus.emit(state('t1', 'pending', 'submitted'));
    bus.emit(state('t1', 'submitted', 'running'));
    const pointer = JSON.parse(readFileSync(tapPointerFile(stateDir, 'r1'), 'utf8')) as TapPointer;
    expect(pointer.pid).toBe(process.pid);
    expect(statSync(dirname(pointer.socket)).mode & 0o777).toBe(0o700);

    const lines: [string, string][] = [];
    let ended = false;
    const connection = connectTap(stateDir, 'r1', {
      line: (type, line) => lines.push([type, line]),
      end: () => (ended = true),
    });
    expect(connection).toBeDefined();
    await waitFor(() => lines.length > 0, 5_000);
    const [type, first] = lines[0]!;
    expect(type).toBe('tap.snapshot');
    // The snapshot counts what happened before the client came: one task running, one submitted (queued).
    expect(JSON.parse(first).snapshot).toMatchObject({ runId: 'r1', running: 1, queued: 1 });
    bus.emit(state('t1', 'running', 'succeeded'));
    await waitFor(() => lines.some(([t]) => t === 'task.state'), 5_000);
    expect(JSON.parse(lines.find(([t]) => t === 'task.state')![1])).toMatchObject({ taskId: 't1', to: 'succeeded' });

    await tap.close();
    await waitFor(() => ended, 5_000);
    expect(existsSync(tapPointerFile(stateDir, 'r1'))).toBe(false);
    expect(existsSync(pointer.socket)).toBe(false);
    expect(warnings).toEqual([]);
    expect(lines.at(-1)?.[0]).toBe('tap.snapshot'); // the last word: the final snapshot
  });

  it('has nothing to connect to for a run that is not running', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'pipe-tap-test-'));
    expect(connectTap(stateDir, 'nope', { line: () => undefined, end: () => undefined })).toBeUndefined();
  });
});
