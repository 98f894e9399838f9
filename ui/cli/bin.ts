#!/usr/bin/env node
// The `pipe` executable of the bundle (dist/bundle/pipe.cjs): runs the command line, bundled as main.cjs beside it,
// through V8's code cache (code-cache.ts). A CommonJS file, so that starting it needs no ES module loader.
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from './code-cache.js';
import { limitHeapGrowth } from './heap-growth.js';

// Before anything is compiled: V8 accepts a code cache only under the flags it was made with.
limitHeapGrowth();
runWithCodeCache(fileURLToPath(new URL('./main.cjs', import.meta.url)));
