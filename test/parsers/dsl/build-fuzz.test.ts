// The DSL's whole front end under mutated input: each case rewrites one file of a real pipeline or test script
// (token-level edits, see fuzz-corpus.ts) and builds it as `pipe check` does — parse, config, modules, params,
// evaluation of the script and its entry workflow. A case must build, or fail with a PipeError that names a file
// (and a line and column when it has them), never with a TypeError, a RangeError or a crash. Runaway loops and
// recursion end at the runtime's own caps (loop turns, range sizes, stack), so no case needs a time limit.
// PIPE_FUZZ_ROUNDS sets the number of cases.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EarlyExit, PipeError } from '../../../engine/errors.js';
import { parse } from '../../../parsers/parse.js';
import { collectSeeds, joinTokens, mutateTokens, prng, splitTokens, tokenPool, type Seed } from './fuzz-corpus.js';

const ROUNDS = Number(process.env.PIPE_FUZZ_ROUNDS ?? 2000);
const scratch = mkdtempSync(join(tmpdir(), 'pipe-dsl-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const silent = { out: (): void => undefined, log: (): void => undefined };

// A JavaScript error inside `error` or its causes: a bug of pipe's, whatever wraps it.
function engineError(error: unknown): Error | undefined {
  for (let at: unknown = error; at instanceof Error; at = at.cause)
    if (at instanceof TypeError || at instanceof RangeError || at instanceof ReferenceError) return at;
  return undefined;
}

type Outcome = { built: true } | { refused: PipeError } | { problem: string };

// Builds the seed's project with `text` in place of its file.
async function buildCase(seed: Seed, text: string): Promise<Outcome> {
  writeFileSync(seed.file, text);
  try {
    const { args, profiles, project: launchDir } = seed;
    await parse(seed.main, { validateOnly: true, launchDir, args, profiles, console: silent });
    return { built: true };
  } catch (error) {
    const bug = engineError(error);
    if (bug !== undefined) return { problem: `${bug.name}: ${bug.message}\n${bug.stack ?? ''}` };
    if (error instanceof EarlyExit) return { built: true };
    if (!(error instanceof PipeError)) return { problem: `not a PipeError: ${String(error)}` };
    const at = error.location;
    if (at?.file === undefined) return { problem: `${error.name} without a location: ${error.message}` };
    if (at.line !== undefined && !(at.line >= 1 && (at.column ?? 1) >= 1))
      return { problem: `${error.name} at ${at.line}:${at.column}: ${error.message}` };
    return { refused: error };
  } finally {
    writeFileSync(seed.file, seed.text);
  }
}

describe('DSL build fuzzing', () => {
  it(`builds ${ROUNDS} token-level mutations of the fixtures and test scripts, or refuses them with located errors`, async () => {
    const seeds = collectSeeds(scratch);
    expect(seeds.length).toBeGreaterThan(20);
    const pool = tokenPool(seeds);
    const previous = process.env.NXF_OFFLINE;
    process.env.NXF_OFFLINE = 'true'; // remote includeConfig stays a warning, never a download
    const cwd = process.cwd();
    process.chdir(scratch); // what a mutated script writes relative to the working directory lands there
    const outcomes = { built: 0, refused: 0 };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const random = prng(round * 7919 + 1);
        const seed = seeds[round % seeds.length] as Seed;
        let tokens = splitTokens(seed.text);
        const r = random();
        for (let edit = 0; edit < (r < 0.6 ? 1 : r < 0.9 ? 2 : 3); edit++) tokens = mutateTokens(tokens, pool, random);
        const text = joinTokens(tokens);
        const outcome = await buildCase(seed, text);
        if ('problem' in outcome)
          throw new Error(`round ${round}, ${seed.name}: ${outcome.problem}\n--- the text:\n${text}`);
        if ('built' in outcome) outcomes.built++;
        else outcomes.refused++;
      }
    } finally {
      process.chdir(cwd);
      if (previous === undefined) delete process.env.NXF_OFFLINE;
      else process.env.NXF_OFFLINE = previous;
    }
    // mutations that still build reach the runtime; refusals show the mutations matter
    expect(outcomes.built).toBeGreaterThan(ROUNDS / 20);
    expect(outcomes.refused).toBeGreaterThan(ROUNDS / 4);
  }, 600_000);
});
