// Child process for the local backend's tests: starts a work-dir task (argument `direct`: a direct one), says "running", then waits to be SIGKILLed.
import { createLocalBackend } from '../../../backends/local/index.js';

const [launchDir, workDir, kind] = process.argv.slice(2);
const backend = createLocalBackend({ launchDir: launchDir!, stdout: 'ignore', stderr: 'ignore' });
backend.subscribe!((_id, status) => {
  if (status.state === 'running') process.stdout.write('running\n');
});
await backend.submit(
  {
    id: 'orphan',
    name: 'orphan',
    stepName: 'orphan',
    light: false,
    command: '',
    workDir,
    cpus: 1,
    direct: kind === 'direct',
  },
  new AbortController().signal,
);
setInterval(() => {}, 1_000);
