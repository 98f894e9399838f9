#!/usr/bin/env node
// `cwl-runner` (dist/bundle/cwl-runner.cjs): the CWL community's runner name, as `pipe run` with the same arguments
// (`cwl-runner [--outdir DIR] [--quiet] TOOL [JOB] [--input value ...]`). Like bin.ts, it runs the bundled command
// line beside it.
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from './code-cache.js';
import { limitHeapGrowth } from './heap-growth.js';

limitHeapGrowth(); // before anything is compiled, as in bin.ts
process.argv.splice(2, 0, 'run');
runWithCodeCache(fileURLToPath(new URL('./main.cjs', import.meta.url)));
