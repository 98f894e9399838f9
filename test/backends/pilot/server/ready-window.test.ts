import { describe, expect, it } from 'vitest';
import { openQueueStore } from '../../../../backends/pilot/server/index.js';
import { createReadyWindow } from '../../../../backends/pilot/server/ready-window.js';
import { scratchDir } from '../../../helpers/cli.js';

describe('ready window', () => {
  it('holds at most its capacity, pages on by id as tasks leave, and puts handed-back tasks first', async () => {
    const store = await openQueueStore(scratchDir(), ':memory:');
    const { id: session } = await store.openSession(false, 1);
    const first = await store.insert(
      session,
      Array.from({ length: 10 }, (_, i) => ({ command: `t${i}`, light: true })),
      1,
    );
    const window = createReadyWindow(store, session, { capacity: 4, lowWater: 2 });
    await window.refill(() => false);
    expect([...window.tasks()].map((t) => t.id)).toEqual([first, first + 1, first + 2, first + 3]);

    for (const id of [first, first + 1, first + 2]) window.remove(id);
    await window.refill(() => false);
    expect([...window.tasks()].map((t) => t.id)).toEqual([first + 3, first + 4, first + 5, first + 6]);
    window.requeue({ ...(await store.queuedAfter(session, 0, 1))[0]!, attempt: 2 });
    expect([...window.tasks()].map((t) => [t.id, t.attempt])[0]).toEqual([first, 2]);
    await store.close();
  });

  it('finds tasks added after it ran dry', async () => {
    const store = await openQueueStore(scratchDir(), ':memory:');
    const { id: session } = await store.openSession(false, 1);
    const window = createReadyWindow(store, session);
    await window.refill(() => false);
    expect(window.size).toBe(0);
    await store.insert(session, [{ command: 'late', light: true }], 2);
    window.added();
    await window.refill(() => false);
    expect([...window.tasks()].map((t) => t.command)).toEqual(['late']);
    await store.close();
  });
});
