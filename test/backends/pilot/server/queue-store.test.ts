import { afterEach, describe, expect, it } from 'vitest';
import { openQueueStore } from '../../../../backends/pilot/server/index.js';
import type { QueueStore } from '../../../../backends/pilot/server/index.js';
import { numberPlaceholders, redactUrl } from '../../../../backends/pilot/server/postgres-driver.js';
import { scratchDir } from '../../../helpers/cli.js';
import { databases } from './databases.js';

describe.each(databases)('pilot queue store ($name)', (database) => {
  let store: QueueStore | undefined;
  let drop: () => Promise<void> = async () => undefined;

  // A store over a fresh queue.
  const open = async (): Promise<QueueStore> => {
    const created = await database.create();
    drop = created.drop;
    store = await openQueueStore(scratchDir(), created.db);
    return store;
  };

  afterEach(async () => {
    await store?.close();
    store = undefined;
    await drop();
  });

  it('hands out consecutive ids and pages queued tasks by id', async () => {
    const s = await open();
    const { id: session } = await s.openSession(false, 1);
    const first = await s.insert(
      session,
      [
        { command: 'a', light: true },
        { command: 'b', light: true, cpus: 2, env: { X: '1' } },
      ],
      10,
    );
    expect(await s.insert(session, [{ command: 'c', light: true }], 11)).toBe(first + 2);
    const page = await s.queuedAfter(session, first, 10);
    expect(page).toMatchObject([
      { id: first + 1, attempt: 1, command: 'b', cpus: 2, env: { X: '1' }, light: true },
      { id: first + 2, command: 'c', cpus: 1 },
    ]);
    expect(await s.queuedAfter(session, 0, 1)).toHaveLength(1);
  });

  it('writes a dispatch, a start and a verdict, and keeps the attempt history', async () => {
    const s = await open();
    const { id: session } = await s.openSession(false, 1);
    const id = await s.insert(session, [{ command: 'x', light: true, step: 'align' }], 10);
    await s.apply([{ kind: 'dispatch', id, attempt: 1, agent: 'a1', at: 20 }]);
    await s.apply([{ kind: 'requeue', id, attempt: 1, outcome: 'lost', at: 25 }]);
    await s.apply([
      { kind: 'dispatch', id, attempt: 2, agent: 'a2', at: 30 },
      { kind: 'start', id, attempt: 2, at: 1_000 },
      { kind: 'finish', id, attempt: 2, outcome: 'succeeded', exitCode: 0, at: 4_000 },
    ]);
    expect(await s.list(session, {})).toMatchObject([
      { id: String(id), state: 'succeeded', attempt: 2, agent: 'a2', exitCode: 0, startedAt: 1_000, endedAt: 4_000 },
    ]);
    expect(
      await s.attempts([
        { id, attempt: 1 },
        { id, attempt: 2 },
      ]),
    ).toEqual([
      { id, attempt: 1, agent: 'a1', outcome: 'lost' },
      { id, attempt: 2, agent: 'a2', outcome: 'succeeded' },
    ]);
    expect(await s.stepDurations(session)).toEqual(new Map([['align', 3_000]]));
  });

  it('stores text with tabs, newlines, backslashes and \\N as given, and thousands of tasks in one insert', async () => {
    const s = await open();
    const { id: session } = await s.openSession(false, 1);
    const awkward = 'printf "a\\tb\\n" \t| tr \\\\ x\r\nline two \\N';
    const first = await s.insert(
      session,
      [{ command: awkward, light: false, name: '\\N', env: { PATH: 'C:\\bin\tx' }, workDir: '/w/d\nir' }],
      10,
    );
    const many = Array.from({ length: 5_000 }, (_, i) => ({ command: `echo ${i}`, light: true }));
    expect(await s.insert(session, many, 11)).toBe(first + 1);
    const [task] = await s.queuedAfter(session, 0, 1);
    expect(task).toMatchObject({ command: awkward, name: '\\N', env: { PATH: 'C:\\bin\tx' }, workDir: '/w/d\nir' });
    expect(task?.step).toBeUndefined();
    expect(await s.counts(session)).toMatchObject({ queued: 5_001 });
    expect((await s.queuedAfter(session, first + 4_999, 10)).map((t) => t.command)).toEqual(['echo 4999']);
  });

  it('filters counts and listings by exact tags and by state', async () => {
    const s = await open();
    const { id: session } = await s.openSession(false, 1);
    await s.insert(
      session,
      [
        { command: '1', light: true, tags: { sample: 'A', lane: '1' } },
        { command: '2', light: true, tags: { sample: 'a' } },
        { command: '3', light: true, tags: { sample: 'AB' } },
        { command: '4', light: true },
      ],
      10,
    );
    expect(await s.counts(session, { sample: 'A' })).toMatchObject({ queued: 1 });
    expect((await s.list(session, { tags: { lane: '1', sample: 'A' } })).map((r) => r.command)).toEqual(['1']);
    expect(await s.list(session, { state: 'running' })).toEqual([]);
    expect(await s.list(session, { limit: 2 })).toHaveLength(2);
  });

  it('resumes the latest session, or starts a new one whose queue is empty', async () => {
    const s = await open();
    const first = await s.openSession(false, 1);
    await s.insert(first.id, [{ command: 'x', light: true }], 10);
    expect(await s.openSession(true, 2)).toEqual({ id: first.id, resumed: true });
    const fresh = await s.openSession(false, 3);
    expect(fresh.resumed).toBe(false);
    expect(await s.counts(fresh.id)).toMatchObject({ queued: 0 });
    expect(await s.openSession(true, 4)).toEqual({ id: fresh.id, resumed: true });
  });
});

describe('PostgreSQL driver helpers', () => {
  it('numbers `?` placeholders in order', () => {
    expect(numberPlaceholders('SELECT a FROM t WHERE b = ? AND c IN (?, ?)')).toBe(
      'SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)',
    );
  });

  it('hides the password of a database URL', () => {
    expect(redactUrl('postgres://pipe:s3cret@db:5432/q')).toBe('postgres://pipe:***@db:5432/q');
    expect(redactUrl('postgres://pipe@db/q')).toBe('postgres://pipe@db/q');
  });
});
