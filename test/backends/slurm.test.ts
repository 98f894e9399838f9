import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import type { Backend } from '../../engine/backend.js';
import { createGridBackend } from '../../backends/grid/index.js';
import { slurmScheduler } from '../../backends/slurm/index.js';
import { requireService, slurmReachable } from '../helpers/services.js';
import { describeBackendConformance } from './conformance.js';

const available = requireService('Slurm', slurmReachable());
const launchDir = mkdtempSync(join(tmpdir(), 'pipe-test-slurm-'));

const makeBackend = (): Backend =>
  createGridBackend(slurmScheduler, {
    launchDir,
    pollIntervalMs: 300,
    exitGraceMs: 3_000,
    batchWindowMs: 100,
    lightOutput: 'ignore',
  });

if (available) {
  describeBackendConformance('slurm', makeBackend, {
    timeoutMs: 60_000,
    pollIntervalMs: 300,
    maxInFlight: 100,
    resourceProbe: 'echo "$SLURM_CPUS_ON_NODE $SLURM_MEM_PER_NODE"',
  });
} else {
  describe.skip('slurm backend conformance (Slurm not reachable: .ci/services/slurm.sh start)', () =>
    it('needs Slurm', () => undefined));
}

afterAll(() => rmSync(launchDir, { recursive: true, force: true }));
