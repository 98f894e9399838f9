// The raw Node floor: spawn `true` N times, P at a time, from one thread with child_process.spawn.
import { spawn } from 'node:child_process';

const total = Number(process.argv[2] ?? 2000);
const parallel = Number(process.argv[3] ?? 2);
let started = 0;
let finished = 0;

// Starts the next `true` if any remain.
function next(): void {
  if (started >= total) return;
  started += 1;
  spawn('true', [], { stdio: 'ignore' }).on('exit', () => {
    finished += 1;
    if (finished < total) next();
  });
}

for (let i = 0; i < parallel; i++) next();
