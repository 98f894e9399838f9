// The web views of runs that reused tasks by row id ranges (engine/store/task-reuse.ts): pages, attempts and counts
// read them as rows, and a tag edit makes them rows first, leaving the runs that reused them as they were.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../engine/store/store.js';
import { openViews } from '../../../ui/web/views.js';
import { runPipe, scratchDir } from '../../helpers/cli.js';

// Rows of its own and ranged tasks of a run.
function stored(dir: string, runId: string): { rows: number; ranged: number } {
  const db = new Database(join(dir, '.pipe', 'pipe.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT COUNT(*) FROM tasks WHERE run_id = ?').pluck().get(runId) as number;
    const ranged = db
      .prepare('SELECT ifnull(SUM(last_row - first_row + 1), 0) FROM task_reuse WHERE run_id = ?')
      .pluck()
      .get(runId) as number;
    return { rows, ranged };
  } finally {
    db.close();
  }
}

// What a run's record of a task reused from `source` holds.
function reusedFrom(source: TaskRecord, runId: string): Partial<TaskRecord> {
  return {
    runId,
    taskId: source.taskId,
    stepId: source.stepId,
    idx: source.idx,
    attempt: 1,
    state: 'cached' as TaskRecord['state'],
    key: source.key,
    command: source.command,
    reason: 'reused',
    cachedFrom: source.runId,
    occurrence: source.occurrence,
    inputsDigest: source.inputsDigest,
  };
}

describe('the web views of a run that reused tasks by row id ranges', () => {
  it('page, count and retag the reused tasks as rows', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `echo line ${i + 1}`);
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    expect((await runPipe(['run', 'list.txt', '--quiet'], dir)).code).toBe(0);
    expect((await runPipe(['run', 'list.txt', '--quiet', '--resume'], dir)).code).toBe(0);
    const views = openViews(join(dir, '.pipe'));
    try {
      const [second, first] = views.runs().map((run) => run.id) as [string, string];
      expect(stored(dir, second)).toEqual({ rows: 0, ranged: 12 });
      const source = views.attempts(first, '7')[0] as TaskRecord;
      expect(views.attempts(second, '7')).toEqual([reusedFrom(source, second)]);

      // Pages by cursor, in task id order as the rows' primary key gives them.
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = views.taskPage(second, {}, 5, cursor);
        seen.push(...page.tasks.map((task) => task.taskId));
        cursor = page.next;
      } while (cursor !== undefined);
      expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)).sort());
      expect(views.taskPage(second, { text: 'line 7' }, 10).tasks).toEqual([reusedFrom(source, second)]);
      expect(views.taskPage(second, { state: 'cached' }, 100).tasks).toHaveLength(12);
      expect(views.taskPage(second, { state: 'succeeded' }, 100).tasks).toEqual([]);
      expect([...views.stepCounts(second).values()]).toEqual([{ cached: 12 }]);

      // A tag edit on a reused task: the run's ranges become rows, the source run's rows keep their tags.
      expect(views.retag(second, { text: 'line 7' }, { triage: 'yes' })).toBe(1);
      expect(stored(dir, second)).toEqual({ rows: 12, ranged: 0 });
      expect(views.taskPage(second, { tag: ['triage', 'yes'] }, 10).tasks).toEqual([
        { ...reusedFrom(source, second), tags: '{"triage":"yes"}' },
      ]);
      expect(views.taskPage(first, { tag: ['triage', 'yes'] }, 10).tasks).toEqual([]);
      expect(views.taskPage(second, {}, 100).tasks).toHaveLength(12);

      // A resume of the edited run: the retagged task differs from the list's (no tags), so it gets a row.
      expect((await runPipe(['run', 'list.txt', '--quiet', '--resume'], dir)).code).toBe(0);
      const third = views.runs()[0]?.id as string;
      expect(stored(dir, third)).toEqual({ rows: 1, ranged: 11 });
      // A tag edit on the run the third reused from: the third's ranges become rows first, and keep no tag.
      expect(views.retag(second, { text: 'line 3' }, { checked: 'no' })).toBe(1);
      expect(stored(dir, third)).toEqual({ rows: 12, ranged: 0 });
      expect(views.taskPage(third, { text: 'line 3' }, 10).tasks.map((task) => task.tags)).toEqual([undefined]);
      expect(views.taskPage(second, { text: 'line 3' }, 10).tasks.map((task) => task.tags)).toEqual([
        '{"checked":"no"}',
      ]);
    } finally {
      views.close();
    }
    const status = (await runPipe(['status'], dir)).stdout;
    expect(status).toMatch(/^\s+cached\s+12$/m);
  }, 60_000);
});
