// Child process for the launcher tests: a backend whose tasks die with it (a pilot agent's) starts `sleep 30` as a
// light task, says "running PID", then waits to be SIGKILLed.
import { createLocalBackend } from '../../../backends/local/index.js';

const [launchDir] = process.argv.slice(2);
const backend = createLocalBackend({
  launchDir: launchDir!,
  stdout: 'ignore',
  stderr: 'ignore',
  tasksDieWithPipe: true,
});
backend.subscribe!((_id, status) => {
  if (status.state === 'running') process.stdout.write(`running ${status.nativeId}\n`);
});
await backend.submit(
  { id: 'held', name: 'held', stepName: 'held', light: true, command: 'sleep 30', cpus: 1 },
  new AbortController().signal,
);
setInterval(() => {}, 1_000);
