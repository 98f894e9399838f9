// The conformance suite against the bash launcher alone, as it runs where no C compiler was found at install (or
// with PIPE_LAUNCHER=bash); local.test.ts runs the suite against the default, the compiled launcher.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Backend } from '../../../engine/backend.js';
import { createLocalBackend } from '../../../backends/local/index.js';
import { describeBackendConformance } from '../conformance.js';

process.env.PIPE_LAUNCHER = 'bash'; // this file's worker only

const launchDir = mkdtempSync(join(tmpdir(), 'pipe-test-bash-launcher-'));
const makeBackend = (): Backend =>
  createLocalBackend({ launchDir, killGraceMs: 1_000, stdout: 'ignore', stderr: 'ignore' });

describeBackendConformance('local (bash launcher)', makeBackend);
describeBackendConformance('local-workdirs (bash launcher)', makeBackend, { light: false });

afterAll(() => rmSync(launchDir, { recursive: true, force: true }));
