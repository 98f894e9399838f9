import { describe, expect, it } from 'vitest';
import { createFleet } from '../../../backends/pilot/launch/fleet.js';
import type { AgentEnd, AgentLauncher, LaunchedAgent } from '../../../backends/pilot/launch/launcher.js';

// A launcher whose agents end when the test says so.
function fakeLauncher(): AgentLauncher & { agents: { end: (e: AgentEnd) => void; stopped: boolean }[] } {
  const agents: { end: (e: AgentEnd) => void; stopped: boolean }[] = [];
  return {
    place: 'fake',
    agents,
    async launch(index): Promise<LaunchedAgent> {
      let end!: (e: AgentEnd) => void;
      const ended = new Promise<AgentEnd>((resolve) => (end = resolve));
      const entry = { end, stopped: false };
      agents.push(entry);
      return { name: `agent-${index}`, ended, stop: () => (entry.stopped = true) };
    },
    async close() {},
    kill() {},
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('the fleet of pilot agents', () => {
  it('launches agents up to the maximum the demand needs, and replaces one that left while work remains', async () => {
    const launcher = fakeLauncher();
    let demand = 100;
    const fleet = createFleet({
      launcher,
      min: 1,
      max: 3,
      slotsPerAgent: 2,
      staggerMs: 0,
      demand: () => demand,
      onGiveUp: () => {},
    });
    fleet.poke();
    await settle();
    expect(launcher.agents).toHaveLength(3);
    launcher.agents[0]!.end({ ok: true, detail: 'idle' });
    await settle();
    expect(launcher.agents).toHaveLength(4);
    demand = 0;
    launcher.agents[1]!.end({ ok: true, detail: 'idle' });
    await settle();
    expect(launcher.agents).toHaveLength(4);
    await fleet.stop(0);
  });

  it('gives up after three agents in a row fail, saying why', async () => {
    const launcher = fakeLauncher();
    const reasons: string[] = [];
    const fleet = createFleet({
      launcher,
      min: 1,
      max: 1,
      slotsPerAgent: 1,
      staggerMs: 0,
      demand: () => 5,
      onGiveUp: (r) => reasons.push(r),
    });
    fleet.poke();
    for (let i = 0; i < 3; i++) {
      await settle();
      launcher.agents[i]!.end({ ok: false, detail: `exit 1 (log: agent-${i + 1}.log)` });
    }
    await settle();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/3 pilot agents in a row ended in failure; the last: exit 1 \(log: agent-3.log\)/);
    expect(launcher.agents).toHaveLength(3);
    await fleet.stop(0);
  });
});
