import { describe, expect, it } from 'vitest';
import { DslParser } from '../../../../parsers/dsl/syntax/dsl-parser.js';
import { createLexer } from '../../../../parsers/dsl/syntax/lexer.js';

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
});
