// Starting a pilot run whose agents the user starts by hand: the backend tells its caller how.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPilotBackend } from '../../../backends/pilot/pilot-backend.js';

const launchDir = mkdtempSync(join(tmpdir(), 'pipe-test-pilot-start-'));
afterAll(() => rmSync(launchDir, { recursive: true, force: true }));

describe('a pilot run with --agents none', () => {
  it("gives the caller the `pipe agent` command line that joins the run's server", async () => {
    const notices: string[] = [];
    const backend = createPilotBackend({ launchDir, agents: 'none', notice: (line) => notices.push(line) });
    const id = await backend.submit(
      { id: 't1', name: 't1', stepName: 's', light: true, command: 'true', cpus: 1 },
      new AbortController().signal,
    );
    await expect.poll(() => notices.length, { timeout: 10_000 }).toBe(1);
    expect(notices[0]).toMatch(
      /^pipe: pilot server for this run: start agents with: pipe agent --server \S+ --token-file \S+token$/,
    );
    await backend.cancel([id]);
    await backend.close();
  });
});
