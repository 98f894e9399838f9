// The runs of this directory as Nextflow's history (`nextflow log`, `nextflow clean`): each run's name, session and
// revision, and the run selections those commands take (RUN…, `last`, -before, -after, -but).
import { createHash } from 'node:crypto';
import { UsageError } from '../../engine/errors.js';
import type { RunRecord, Store } from '../../engine/store/store.js';
import { shellQuote } from '../../engine/workdir/shell-quote.js';
import { closestMatch } from '../../parsers/common/edit-distance.js';

export interface HistoryEntry {
  readonly run: RunRecord;
  readonly name: string; // the `-name` of a .nf run, else the run id
  readonly session: string; // the first run of its resume chain: runs that resume one another share it
  readonly revision: string; // a hash of the run's step definitions: changes when the workflow does
  readonly command: string;
}

export interface RunSelection {
  readonly runs: readonly string[];
  readonly before?: string | undefined;
  readonly after?: string | undefined;
  readonly but?: string | undefined;
}

// The words a run was started with (the store keeps them as a JSON array).
function argvOf(run: RunRecord): string[] {
  try {
    const words: unknown = JSON.parse(run.argv);
    return Array.isArray(words) ? words.map(String) : [];
  } catch {
    return [];
  }
}

// The `-name` a .nf run was given (`-name x` or `-name=x`), if any.
function givenName(words: readonly string[]): string | undefined {
  if (!words.some((w) => w.endsWith('.nf'))) return undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === '-name' || word === '-run-name') return words[i + 1];
    if (word.startsWith('-name=')) return word.slice('-name='.length);
  }
  return undefined;
}

// Every run of the store, oldest first (the history's order), with its name, session and revision.
export function runHistory(store: Store): HistoryEntry[] {
  const runs = store.runs().reverse();
  const byId = new Map(runs.map((r) => [r.id, r]));
  const sessionOf = (run: RunRecord): string => {
    const seen = new Set<string>();
    let first = run;
    while (first.resumedFrom !== undefined && !seen.has(first.id)) {
      seen.add(first.id);
      const earlier = byId.get(first.resumedFrom);
      if (earlier === undefined) break;
      first = earlier;
    }
    return first.id;
  };
  return runs.map((run) => {
    const words = argvOf(run);
    const parts = store
      .getSteps(run.id)
      .map((s) => `${s.stepId}\0${s.parts}`)
      .join('\n');
    return {
      run,
      name: givenName(words) ?? run.id,
      session: sessionOf(run),
      revision: createHash('sha256').update(`${run.workflow}\n${parts}`).digest('hex').slice(0, 10),
      command: ['pipe', ...words].map(shellQuote).join(' '),
    };
  });
}

// A run and the name it goes by, for finding it by a word.
type NamedRun = Pick<HistoryEntry, 'run' | 'name'>;

// The run a word names (`last`, a run name, a run id or an unambiguous prefix of one), for `pipe status`, `pipe
// tasks --run` and `pipe why --run`, as `pipe log` and `pipe clean` take runs; an error with the closest name else.
export function namedRun(store: Store, word: string): RunRecord {
  const runs: NamedRun[] = store
    .runs()
    .reverse()
    .map((run) => ({ run, name: givenName(argvOf(run)) ?? run.id }));
  return (runs[indexOf(runs, word)] as NamedRun).run;
}

// The index of the run a word names: `last`, a run name, a run id or an unambiguous prefix of one.
function indexOf(history: readonly NamedRun[], word: string): number {
  if (word === 'last' && history.length > 0) return history.length - 1;
  const exact = history.findIndex((e) => e.name === word || e.run.id === word);
  if (exact >= 0) return exact;
  const prefixed = history.flatMap((e, i) => (e.run.id.startsWith(word) ? [i] : []));
  if (prefixed.length === 1) return prefixed[0] as number;
  throw unknownRun(history, word, prefixed.length > 1);
}

// The error for a word that names no run (or several), with the closest name.
function unknownRun(history: readonly NamedRun[], word: string, ambiguous: boolean): UsageError {
  const near = closestMatch(
    word,
    history.flatMap((e) => [e.name, e.run.id]),
  );
  return new UsageError(ambiguous ? `"${word}" names several runs` : `no run "${word}" in this directory`, {
    hint: near === undefined ? 'list the runs with `pipe log`' : `did you mean "${near}"? (list the runs: pipe log)`,
  });
}

// The runs a command line selects, oldest first: named runs, those before or after a run, all but one, or the last
// run when nothing is named. A session id is the id of its first run, so it names that run.
export function selectRuns(history: readonly HistoryEntry[], selection: RunSelection): HistoryEntry[] {
  const { before, after, but } = selection;
  if (history.length === 0) {
    throw new UsageError('no runs recorded in this directory', { hint: 'run this where you ran `pipe run`' });
  }
  if ([before, after, but].filter((o) => o !== undefined).length > 1) {
    throw new UsageError('-before, -after and -but cannot be used together', { hint: 'give one of them' });
  }
  if (before !== undefined) return history.slice(0, indexOf(history, before));
  if (after !== undefined) return history.slice(indexOf(history, after) + 1);
  if (but !== undefined) {
    const kept = indexOf(history, but);
    return history.filter((_, i) => i !== kept);
  }
  const words = selection.runs.length === 0 ? ['last'] : selection.runs;
  const chosen = new Set(words.map((word) => indexOf(history, word)));
  return history.filter((_, i) => chosen.has(i));
}
