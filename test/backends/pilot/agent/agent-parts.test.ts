// The pieces of the agent's life cycle on their own: when it may leave, when it pulls, and the book of what it holds.
import { describe, expect, it } from 'vitest';
import type { HeldLoad, PullRequest } from '../../../../backends/pilot/agent/bundle-size.js';
import { createDeparture } from '../../../../backends/pilot/agent/departure.js';
import { createHeldTasks } from '../../../../backends/pilot/agent/held-tasks.js';
import { createPuller, roomGrew } from '../../../../backends/pilot/agent/puller.js';
import type { WireTask } from '../../../../backends/pilot/protocol/messages.js';

const wire = (id: string, attempt = 1, cpus = 1): WireTask =>
  ({ id, attempt, cpus, command: 'true', light: true }) as WireTask;

describe('departure', () => {
  const setup = (held: number, unacked: number) => {
    const calls: string[] = [];
    const runner = {
      stopAll: (kind?: string) => void calls.push(`stopAll ${kind ?? ''}`),
      stopTaking: (kind: string) => void calls.push(`stopTaking ${kind}`),
      load: (): HeldLoad => ({ tasks: held, cpus: 0, memoryBytes: 0 }),
    };
    const reports = { flush: () => void calls.push('flush'), unacked };
    return { calls, departure: createDeparture(runner, reports, () => undefined) };
  };

  it('drains by refusing new tasks, and goes with a bye once nothing is held or unacked', () => {
    const { calls, departure } = setup(0, 0);
    expect(departure.due()).toBeUndefined();
    expect(departure.leave('drained', 'asked')).toBe(true);
    expect(calls).toEqual(['stopTaking drain']);
    expect(departure.due()).toEqual({ reason: 'drained', message: 'asked', bye: true });
  });

  it('waits for held tasks and unacked results, but not for acks after the server ended the run', () => {
    const busy = setup(1, 0);
    busy.departure.leave('idle', 'x');
    expect(busy.departure.due()).toBeUndefined();
    const acks = setup(0, 2);
    acks.departure.leave('drained', 'x');
    expect(acks.departure.due()).toBeUndefined();
    const ended = setup(0, 2);
    ended.departure.leave('ended', 'done');
    expect(ended.departure.due()).toEqual({ reason: 'ended', message: 'done', bye: false });
    expect(ended.calls).toEqual(['stopAll ', 'flush']);
  });

  it('lets only walltime and the end override an earlier reason', () => {
    const { calls, departure } = setup(0, 0);
    departure.leave('idle', 'quiet');
    expect(departure.leave('drained', 'asked')).toBe(false);
    expect(departure.leave('walltime', 'late')).toBe(true);
    expect(departure.reason).toBe('walltime');
    expect(calls).toEqual(['stopTaking drain', 'stopAll walltime']);
  });
});

describe('puller', () => {
  it('asks again while a pull is outstanding only when the room grew', () => {
    const sent: unknown[] = [];
    let request: PullRequest = { max: 2, freeCpus: 2 };
    const puller = createPuller({
      sizer: { request: () => request } as never,
      load: () => ({ tasks: 0, cpus: 0, memoryBytes: 0 }),
      remainingMs: () => 1500.7,
      canPull: () => true,
      send: (message) => void sent.push(message),
    });
    puller.pull();
    puller.pull();
    expect(sent).toEqual([{ t: 'pull', max: 2, freeCpus: 2, remainingMs: 1500 }]);
    request = { max: 3, freeCpus: 2 };
    puller.pull();
    puller.answered();
    puller.pull();
    expect(sent).toHaveLength(3);
  });

  it('compares room by tasks, cpus and memory', () => {
    expect(roomGrew(undefined, { max: 1, freeCpus: 1 })).toBe(true);
    expect(roomGrew({ max: 2, freeCpus: 2 }, { max: 2, freeCpus: 2 })).toBe(false);
    expect(roomGrew({ max: 2, freeCpus: 2 }, { max: 2, freeCpus: 2, freeMemoryBytes: 1 })).toBe(true);
  });
});

describe('held tasks', () => {
  it('holds a dispatch once, queues in arrival order and keeps the load', () => {
    const held = createHeldTasks();
    const a = held.add(wire('a', 1, 2));
    expect(held.add(wire('a', 1, 2))).toBeUndefined();
    const b = held.add(wire('b'));
    expect(held.load()).toEqual({ tasks: 2, cpus: 3, memoryBytes: 0 });
    expect(held.nextWaiting()).toBe(a);
    held.dequeue();
    expect(held.nextWaiting()).toBe(b);
    held.forget(b!);
    expect(held.nextWaiting()).toBeUndefined();
    expect(held.find({ id: 'a', attempt: 1 })).toBe(a);
    expect(held.byLocalId(a!.localId)).toBe(a);
    expect(held.load()).toEqual({ tasks: 1, cpus: 2, memoryBytes: 0 });
  });

  it('keeps its queue short when most of it was read', () => {
    const held = createHeldTasks();
    for (let i = 0; i < 3000; i++) held.add(wire(`t${i}`));
    for (let i = 0; i < 2500; i++) {
      const next = held.nextWaiting();
      held.dequeue();
      held.forget(next!);
    }
    expect(held.nextWaiting()?.task.id).toBe('t2500');
    expect(held.all()).toHaveLength(500);
  });
});
