import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

describe('pipe run --log-file', () => {
  it('writes every event of the run to the file as one JSON line, a failed task at level error', async () => {
    const dir = scratchDir({ 'list.txt': 'true\nexit 3\n' });
    const result = await runPipe(['run', 'list.txt', '--log-file', 'logs/run.jsonl', '--plain'], dir);
    expect(result.code).toBe(1);
    const lines = readFileSync(join(dir, 'logs', 'run.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ level: 30, msg: 'run.started', type: 'run.started', backend: 'local' });
    expect(records.at(-1)).toMatchObject({ msg: 'run.finished', status: 'failed' });
    const failed = records.filter((r) => r.type === 'task.state' && r.to === 'failed');
    expect(failed).toEqual([expect.objectContaining({ level: 50, taskId: '2', exitCode: 3 })]);
    expect(records.filter((r) => r.type === 'task.state' && r.to === 'succeeded')).toHaveLength(1);
    expect(records.every((r) => typeof r.time === 'number')).toBe(true);
  });
});
