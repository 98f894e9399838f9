import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import type { Backend } from '../../engine/backend.js';
import { createGridBackend } from '../../backends/grid/index.js';
import { createPbsScheduler } from '../../backends/pbs/index.js';
import { requireService, pbsReachable } from '../helpers/services.js';
import { describeBackendConformance } from './conformance.js';

const available = requireService('PBS (Slurm wrappers)', pbsReachable());
const launchDir = mkdtempSync(join(tmpdir(), 'pipe-test-pbs-'));

const makeBackend = (): Backend =>
  createGridBackend(createPbsScheduler(), {
    launchDir,
    pollIntervalMs: 300,
    exitGraceMs: 3_000,
    batchWindowMs: 100,
    lightOutput: 'ignore',
  });

if (available) {
  describeBackendConformance('pbs', makeBackend, {
    timeoutMs: 60_000,
    pollIntervalMs: 300,
    maxInFlight: 100,
    resourceProbe: 'echo "$SLURM_CPUS_ON_NODE $SLURM_MEM_PER_NODE"',
  });
} else {
  describe.skip('pbs backend conformance (PBS commands not reachable: slurm-wlm-torque over .ci/services/slurm.sh)', () =>
    it('needs PBS', () => undefined));
}

afterAll(() => rmSync(launchDir, { recursive: true, force: true }));
