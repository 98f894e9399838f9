// The parser's LL(k) lookahead read from paths worked out when the grammar was built (lookahead-paths.ts), instead of
// analysing the grammar on every start: Chevrotain spends most of its parser construction on that analysis.
import { EOF, getLookaheadPaths, LLkLookaheadStrategy, tokenMatcher } from './chevrotain.js';
import type { ILookaheadStrategy, IOrAlt, IToken, LookaheadProductionType, Rule, TokenType } from 'chevrotain';
import * as T from './tokens.js';

// Per production (`rule:kind occurrence:k`), per alternative, the token sequences that select it, by token name.
export type LookaheadPaths = Readonly<Record<string, readonly (readonly (readonly string[])[])[]>>;

type Alternatives = readonly (readonly (readonly TokenType[])[])[];
type ChooseAlternative = (orAlts?: IOrAlt<unknown>[]) => number | undefined;

// What the lookahead functions read: Chevrotain calls them with the parser as `this`.
interface Reader {
  LA(howMuch: number): IToken;
}

const TOKENS_BY_NAME = new Map<string, TokenType>([...T.allTokens, EOF].map((t) => [t.name, t]));

// The key of a production in the table.
export function lookaheadKey(rule: string, kind: LookaheadProductionType, occurrence: number, k: number): string {
  return `${rule}:${kind}${occurrence}:${k}`;
}

// A lookahead strategy reading `known` paths; a production missing from them is analysed as Chevrotain would, and its
// paths are added to `computed` (how scripts/generate-dsl-cst.ts fills lookahead-paths.ts). Grammar validation,
// when asked for, is Chevrotain's own.
export function createLookahead(
  known: LookaheadPaths,
  maxLookahead: number,
  computed?: Map<string, string[][][]>,
): ILookaheadStrategy {
  const paths = (rule: Rule, kind: LookaheadProductionType, occurrence: number, k: number): Alternatives => {
    const key = lookaheadKey(rule.name, kind, occurrence, k);
    const stored = known[key] && resolve(known[key]);
    if (stored !== undefined) return stored;
    const found = getLookaheadPaths({ occurrence, rule, prodType: kind, maxLookahead: k });
    const used = kind === 'Alternation' ? found : found.slice(0, 1);
    computed?.set(
      key,
      used.map((alt) => alt.map((path) => path.map((t) => t.name))),
    );
    return used;
  };
  const validator = new LLkLookaheadStrategy({ maxLookahead });
  return {
    validate: (options) => validator.validate(options),
    buildLookaheadForAlternation: ({ rule, prodOccurrence, maxLookahead: k, hasPredicates }) =>
      alternationLookahead(paths(rule, 'Alternation', prodOccurrence, k), hasPredicates),
    buildLookaheadForOptional: ({ rule, prodType, prodOccurrence, maxLookahead: k }) =>
      optionalLookahead(paths(rule, prodType, prodOccurrence, k)[0] ?? []),
  };
}

// Stored paths as token types, or undefined if a name is not a token (the table is older than the tokens).
function resolve(stored: readonly (readonly (readonly string[])[])[]): Alternatives | undefined {
  const types = stored.map((alt) => alt.map((path) => path.map((name) => TOKENS_BY_NAME.get(name))));
  return types.every((alt) => alt.every((path) => path.every((t) => t !== undefined)))
    ? (types as Alternatives)
    : undefined;
}

// Whether the next tokens start with one of `paths`.
function startsWithAny(reader: Reader, paths: readonly (readonly TokenType[])[]): boolean {
  for (let p = 0; p < paths.length; p++) {
    const path = paths[p] as readonly TokenType[];
    let i = 0;
    while (i < path.length && tokenMatcher(reader.LA(i + 1), path[i] as TokenType)) i++;
    if (i === path.length) return true;
  }
  return false;
}

// The token type indexes a token type stands for: its own and those of the tokens in its category.
function indexesOf(type: TokenType): number[] {
  return [type.tokenTypeIdx ?? -1, ...(type.categoryMatches ?? [])].filter((idx) => idx >= 0);
}

// Per token type index, the alternatives that may start with that token, in order (`always`: those with an empty
// path, which may start with anything). Only these need their GATE and whole paths checked.
function candidatesByFirstToken(alts: Alternatives): {
  readonly byToken: (readonly number[] | undefined)[];
  readonly always: readonly number[];
} {
  const always = alts.flatMap((alt, i) => (alt.some((path) => path.length === 0) ? [i] : []));
  const sets: Set<number>[] = [];
  alts.forEach((alt, i) => {
    for (const path of alt) {
      const head = path[0];
      if (head !== undefined) for (const idx of indexesOf(head)) (sets[idx] ??= new Set(always)).add(i);
    }
  });
  return { byToken: sets.map((set) => [...set].sort((a, b) => a - b)), always };
}

// Which alternative of an OR the next tokens choose (undefined: none), skipping alternatives whose GATE is false.
function alternationLookahead(alts: Alternatives, hasPredicates: boolean): ChooseAlternative {
  const { byToken, always } = candidatesByFirstToken(alts);
  if (!hasPredicates && alts.every((alt) => alt.every((path) => path.length === 1))) {
    const choice = byToken.map((candidates) => candidates?.[0]);
    return function (this: Reader) {
      return choice[this.LA(1).tokenTypeIdx as number];
    };
  }
  return function (this: Reader, orAlts?: IOrAlt<unknown>[]) {
    const candidates = byToken[this.LA(1).tokenTypeIdx as number] ?? always;
    for (let c = 0; c < candidates.length; c++) {
      const i = candidates[c] as number;
      const gate = orAlts?.[i]?.GATE;
      if (gate !== undefined && !gate.call(this)) continue;
      if (startsWithAny(this, alts[i] as readonly (readonly TokenType[])[])) return i;
    }
    return undefined;
  };
}

// Whether the next tokens enter an OPTION, MANY or AT_LEAST_ONE.
function optionalLookahead(paths: readonly (readonly TokenType[])[]): () => boolean {
  const { byToken, always } = candidatesByFirstToken([paths]);
  if (always.length > 0) return () => true;
  if (paths.every((path) => path.length === 1)) {
    return function (this: Reader) {
      return byToken[this.LA(1).tokenTypeIdx as number] !== undefined;
    };
  }
  return function (this: Reader) {
    return byToken[this.LA(1).tokenTypeIdx as number] !== undefined && startsWithAny(this, paths);
  };
}
