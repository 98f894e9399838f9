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
export function createLookahead(known: LookaheadPaths, maxLookahead: number, computed?: Map<string, string[][][]>): ILookaheadStrategy {
  const paths = (rule: Rule, kind: LookaheadProductionType, occurrence: number, k: number): Alternatives => {
    const key = lookaheadKey(rule.name, kind, occurrence, k);
    const stored = known[key] && resolve(known[key]);
    if (stored !== undefined) return stored;
    const found = getLookaheadPaths({ occurrence, rule, prodType: kind, maxLookahead: k });
    const used = kind === 'Alternation' ? found : found.slice(0, 1);
    computed?.set(key, used.map((alt) => alt.map((path) => path.map((t) => t.name))));
    return used;
  };
  const validator = new LLkLookaheadStrategy({ maxLookahead });
  return {
    validate: (options) => validator.validate(options),
    buildLookaheadForAlternation: ({ rule, prodOccurrence, maxLookahead: k, hasPredicates }) =>
      alternationLookahead(paths(rule, 'Alternation', prodOccurrence, k), hasPredicates),
    buildLookaheadForOptional: ({ rule, prodType, prodOccurrence, maxLookahead: k }) => optionalLookahead(paths(rule, prodType, prodOccurrence, k)[0] ?? []),
  };
}

// Stored paths as token types, or undefined if a name is not a token (the table is older than the tokens).
function resolve(stored: readonly (readonly (readonly string[])[])[]): Alternatives | undefined {
  const types = stored.map((alt) => alt.map((path) => path.map((name) => TOKENS_BY_NAME.get(name))));
  return types.every((alt) => alt.every((path) => path.every((t) => t !== undefined))) ? (types as Alternatives) : undefined;
}

// Whether the next tokens start with one of `paths`.
function startsWithAny(reader: Reader, paths: readonly (readonly TokenType[])[]): boolean {
  for (const path of paths) {
    let i = 0;
    while (i < path.length && tokenMatcher(reader.LA(i + 1), path[i] as TokenType)) i++;
    if (i === path.length) return true;
  }
  return false;
}

// Token type index to the first value given for it or for a category it belongs to.
function byFirstToken<V>(entries: readonly (readonly [readonly TokenType[], V])[]): V[] {
  const table: V[] = [];
  for (const [types, value] of entries) {
    for (const type of types) {
      for (const idx of [type.tokenTypeIdx ?? -1, ...(type.categoryMatches ?? [])]) if (idx >= 0 && !(idx in table)) table[idx] = value;
    }
  }
  return table;
}

// Which alternative of an OR the next tokens choose (undefined: none), skipping alternatives whose GATE is false.
function alternationLookahead(alts: Alternatives, hasPredicates: boolean): ChooseAlternative {
  const oneToken = alts.every((alt) => alt.every((path) => path.length === 1));
  if (oneToken && !hasPredicates) {
    const choice = byFirstToken(alts.map((alt, i) => [alt.map((path) => path[0] as TokenType), i] as const));
    return function (this: Reader) {
      return choice[this.LA(1).tokenTypeIdx as number];
    };
  }
  return function (this: Reader, orAlts?: IOrAlt<unknown>[]) {
    for (let i = 0; i < alts.length; i++) {
      const gate = orAlts?.[i]?.GATE;
      if (gate !== undefined && !gate.call(this)) continue;
      if (startsWithAny(this, alts[i] as readonly (readonly TokenType[])[])) return i;
    }
    return undefined;
  };
}

// Whether the next tokens enter an OPTION, MANY or AT_LEAST_ONE.
function optionalLookahead(paths: readonly (readonly TokenType[])[]): () => boolean {
  if (paths.every((path) => path.length === 1)) {
    const enters = byFirstToken([[paths.map((path) => path[0] as TokenType), true]]);
    return function (this: Reader) {
      return enters[this.LA(1).tokenTypeIdx as number] === true;
    };
  }
  return function (this: Reader) {
    return startsWithAny(this, paths);
  };
}
