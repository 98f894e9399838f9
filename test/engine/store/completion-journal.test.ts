import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal, readJournal } from '../../../engine/store/completion-journal.js';
import type { TaskRecord } from '../../../engine/store/store.js';

const task = (taskId: string, extra: Partial<TaskRecord> = {}): TaskRecord => ({
  runId: 'r1',
  taskId,
  stepId: 's',
  idx: 0,
  attempt: 1,
  state: 'succeeded',
  key: `k-${taskId}`,
  command: 'true',
  ...extra,
});

// Lets the journal write what it queued (it writes at the end of the event-loop turn).
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the completion journal', () => {
  it("gives back a measured task's figures as they were recorded, and a task without figures as it was", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pipe-journal-')), 'completions.log');
    const journal = openJournal(path);
    const measured = task('t1', {
      resources: {
        realtimeMs: 2100,
        cpuMs: 2000,
        cpuPercent: 95.2,
        peakRssBytes: 314_572_800,
        rcharBytes: 4096,
        wcharBytes: 80,
        readBytes: 0,
        writeBytes: 8192,
        syscr: 3,
        syscw: 2,
        gpuUtilPercent: 41.5,
        peakGpuMemBytes: 1_073_741_824,
      },
    });
    journal.append(measured);
    journal.append(task('t2'));
    await turn();
    expect(readJournal(path)).toEqual([measured, task('t2')]);
    // The figures take an array, not their names.
    expect(readFileSync(path, 'utf8')).not.toContain('rcharBytes');
  });
});
