#!/usr/bin/env node
// `cwl-runner`: the CWL community's runner name, as `pipe run` with the same arguments
// (`cwl-runner [--outdir DIR] [--quiet] TOOL [JOB] [--input value ...]`).
process.argv.splice(2, 0, 'run');
await import('./main.js');
