import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { LLkLookaheadStrategy } from '../../../../parsers/dsl/syntax/chevrotain.js';
import { DslParser } from '../../../../parsers/dsl/syntax/dsl-parser.js';
import { MAX_LOOKAHEAD } from '../../../../parsers/dsl/syntax/expression-parser.js';
import { tokenize } from '../../../../parsers/dsl/syntax/lexer.js';
import { createLookahead } from '../../../../parsers/dsl/syntax/lookahead.js';
import { LOOKAHEAD_PATHS } from '../../../../parsers/dsl/syntax/lookahead-paths.js';
import { lookaheadPathsSource } from '../../../../parsers/dsl/syntax/parser-instance.js';
import { FIXTURES } from './helpers.js';

// Every .nf file under fixtures/dsl.
function scripts(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return scripts(path);
    return name.endsWith('.nf') ? [path] : [];
  });
}

// A CST as nested rule names and token texts with offsets, to compare two parses.
function shape(element: CstElement): unknown {
  if ('tokenType' in element) return `${element.tokenType.name} ${element.image} @${element.startOffset}`;
  const node: CstNode = element;
  const keys = Object.keys(node.children).sort();
  return [node.name, ...keys.map((key) => [key, ...(node.children[key] ?? []).map(shape)])];
}

// The CST or the syntax errors `parser` gives for `tokens`.
function parse(parser: DslParser, tokens: IToken[]): unknown {
  parser.input = tokens;
  const cst = parser.script();
  if (parser.errors.length > 0) return parser.errors.map((e) => `${e.name}: ${e.message} @${e.token.startOffset}`);
  return shape(cst);
}

describe('the generated lookahead paths', () => {
  it('match the grammar (regenerate with `npx tsx scripts/generate-dsl-cst.ts`)', () => {
    expect(readFileSync('parsers/dsl/syntax/lookahead-paths.ts', 'utf8')).toBe(lookaheadPathsSource());
  });

  it('cover every choice of the grammar, so building the parser analyses none', () => {
    const computed = new Map<string, string[][][]>();
    new DslParser({ lookahead: createLookahead(LOOKAHEAD_PATHS, MAX_LOOKAHEAD, computed) });
    expect([...computed.keys()]).toEqual([]);
  });

  it("give the same CST and the same syntax errors as Chevrotain's own lookahead, on the fixtures and on broken copies of them", () => {
    const generated = new DslParser();
    const chevrotain = new DslParser({ lookahead: new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }) });
    const files = scripts(FIXTURES);
    expect(files.length).toBeGreaterThan(5);
    let broken = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const variants = [text];
      // Each variant drops one token-sized piece of the script, every 61 characters.
      for (let at = 0; at < text.length; at += 61) variants.push(text.slice(0, at) + text.slice(at + 3));
      for (const variant of variants) {
        let tokens: IToken[];
        try {
          tokens = tokenize(variant, file);
        } catch {
          continue;
        }
        const ours = parse(generated, tokens);
        expect(ours, `${file}, ${variant.length} characters`).toEqual(parse(chevrotain, tokens));
        if (typeof (ours as unknown[])[0] === 'string') broken++;
      }
    }
    expect(broken).toBeGreaterThan(100);
  });
});
