import { describe, expect, it } from 'vitest';
import type { TokenType } from 'chevrotain';
import { Lexer } from '../../../../parsers/dsl/syntax/chevrotain.js';
import { DslParser } from '../../../../parsers/dsl/syntax/dsl-parser.js';
import { createLexer, tokenize } from '../../../../parsers/dsl/syntax/lexer.js';
import { allTokens } from '../../../../parsers/dsl/syntax/tokens.js';

// What a Chevrotain lexer keeps about its tokens (not in its typings): the tokens each first character may start, and
// whether each token's text may hold a line break.
interface LexerTables {
  readonly charCodeToPatternIdxToConfig: {
    readonly defaultMode: readonly ({ readonly tokenType: TokenType }[] | undefined)[];
  };
  readonly patternIdxToConfig: {
    readonly defaultMode: readonly { readonly tokenType: TokenType; readonly canLineTerminator: boolean }[];
  };
}

// Per first character, the names of the tokens the lexer tries; per token, whether it may span lines.
function tables(lexer: Lexer): { starts: Record<number, string[]>; lineBreaks: Record<string, boolean> } {
  const inside = lexer as unknown as LexerTables;
  const starts: Record<number, string[]> = {};
  inside.charCodeToPatternIdxToConfig.defaultMode.forEach((configs, code) => {
    if (configs !== undefined) starts[code] = configs.map((c) => c.tokenType.name);
  });
  const lineBreaks = Object.fromEntries(
    inside.patternIdxToConfig.defaultMode.map((c) => [c.tokenType.name, c.canLineTerminator]),
  );
  return { starts, lineBreaks };
}

// The DSL's tokens with the first characters and line-break flags of regular-expression patterns left out, so that
// Chevrotain works them out itself (custom patterns keep theirs: Chevrotain cannot read them).
function withoutHints(): TokenType[] {
  const copies = new Map<TokenType, TokenType>();
  for (const token of allTokens) {
    const copy: TokenType = { ...token };
    if (token.PATTERN instanceof RegExp) {
      delete copy.START_CHARS_HINT;
      delete copy.LINE_BREAKS;
    }
    copies.set(token, copy);
  }
  for (const copy of copies.values()) {
    const longer = copy.LONGER_ALT;
    if (longer !== undefined && !Array.isArray(longer)) copy.LONGER_ALT = copies.get(longer as TokenType) ?? longer;
  }
  return [...copies.values()];
}

// Parsing skips Chevrotain's grammar and token checks for speed; these tests run them.
describe('the DSL grammar', () => {
  it('passes Chevrotain grammar validation (no ambiguity, left recursion or unresolved rule)', () => {
    expect(() => new DslParser({ validate: true })).not.toThrow();
  });

  it('has tokens that pass Chevrotain lexer validation and keep the first-character optimisation', () => {
    const lexer = createLexer(true);
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    expect(lexer.tokenize('x = 1\n').errors).toEqual([]);
  });

  it("gives each token the first characters and line-break flag Chevrotain works out from the token's pattern", () => {
    const hinted = tables(createLexer());
    const worked = tables(new Lexer(withoutHints(), { positionTracking: 'full', ensureOptimizations: true }));
    expect(Object.keys(hinted.starts).length).toBeGreaterThan(60);
    expect(hinted.starts).toEqual(worked.starts);
    expect(hinted.lineBreaks).toEqual(worked.lineBreaks);
  });

  it('builds CST children as objects of their own kind that inherit no names (not the hash tables Chevrotain makes)', () => {
    const parser = new DslParser();
    parser.input = tokenize('constructor = toString\n', 'x.nf');
    const children = parser.script().children;
    expect(parser.errors).toEqual([]);
    expect(Object.keys(children)).toEqual(['topLevelItem', 'Newline']);
    const kind = Object.getPrototypeOf(children) as object | null;
    expect(kind).not.toBeNull();
    expect(Object.getPrototypeOf(kind)).toBeNull();
    expect('toString' in children || 'constructor' in children).toBe(false);
  });
});
