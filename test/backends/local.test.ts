import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Backend } from '../../engine/backend.js';
import { createLocalBackend } from '../../backends/local/index.js';
import { describeBackendConformance } from './conformance.js';

const launchDir = mkdtempSync(join(tmpdir(), 'pipe-test-local-'));

const makeBackend = (): Backend =>
  createLocalBackend({ launchDir, killGraceMs: 1_000, stdout: 'ignore', stderr: 'ignore' });

describeBackendConformance('local', makeBackend);

// The same backend with every task in a work dir, as grid backends run them: proves the suite's work-dir path.
describeBackendConformance('local-workdirs', makeBackend, { light: false });

// Work dirs with only .command.sh, run by the launcher itself, as CWL tools run.
describeBackendConformance('local-direct', makeBackend, { light: false, direct: true });

afterAll(() => rmSync(launchDir, { recursive: true, force: true }));
