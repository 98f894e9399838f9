// How far V8 lets the old generation grow past what the last full collection kept before collecting again.
//
// V8 picks that factor from how cheap its collections are: pipe's live heap is small (about 16 MiB while a task list
// runs) and its collections fast, so V8 lets garbage build up to four times that. A long run promotes some of every
// task's short-lived objects (its attempt, records waiting for the group commit) out of the young generation, so
// the old generation swung between 16 and 60 MiB, and the peak resident size of a long list with it (139 to 170 MiB
// from run to run on the same 100,000 lines; a million lines peak as high). Growing by half the live heap at most
// keeps it near 20 MiB, at the cost of a full collection every second or two of such a run (a few milliseconds each,
// most of it in incremental steps).
// docs/benchmarks.md (b) gives the measurements. Only the executables set it (bin.ts, cwl-runner.ts), before the
// command line is compiled, since V8 takes a code cache only under the flags it was made with; a program that imports
// pipe as a library keeps its own heap settings.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

// Sets the limit, unless node was started with a growth of its own (`node --heap-growing-percent=N pipe.cjs`).
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent(=|$)/.test(arg))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
