// The shared backend conformance suite through the pilot: an embedded server and two local agent processes
// (the built CLI), for light tasks and for work-dir tasks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Backend } from '../../../engine/backend.js';
import { createPilotBackend } from '../../../backends/pilot/pilot-backend.js';
import { describeBackendConformance } from '../conformance.js';

const launchDir = mkdtempSync(join(tmpdir(), 'pipe-test-pilot-'));

const makeBackend = (): Backend =>
  createPilotBackend({
    launchDir,
    agents: 'local:2',
    agentJobs: 4,
    stdout: 'ignore',
    heartbeat: '1s',
    idleTimeout: '30s',
  });

describeBackendConformance('pilot', makeBackend, { timeoutMs: 30_000 });
describeBackendConformance('pilot-workdirs', makeBackend, { light: false, timeoutMs: 30_000 });

afterAll(() => rmSync(launchDir, { recursive: true, force: true }));
