import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lexer } from '../../../../parsers/dsl/syntax/chevrotain.js';
import { tokenEnd, tokenize } from '../../../../parsers/dsl/syntax/lexer.js';
import { allTokens } from '../../../../parsers/dsl/syntax/tokens.js';
import { FIXTURES } from './helpers.js';

// Every .nf and .config file under fixtures/dsl.
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /\.(nf|config)$/.test(name) ? [path] : [];
  });
}

describe('token ends', () => {
  it('are where a name, a line break and a string over several lines end', () => {
    const tokens = tokenize('x = """\n  a\n  bc"""\n', 'x.nf');
    expect(tokens.map((t) => [t.image, tokenEnd(t)])).toEqual([
      ['x', { line: 1, column: 1, offset: 0 }],
      ['=', { line: 1, column: 3, offset: 2 }],
      ['"""\n  a\n  bc"""', { line: 3, column: 7, offset: 18 }],
      ['\n', { line: 3, column: 8, offset: 19 }],
    ]);
  });

  it("match Chevrotain's full position tracking for every token of the fixtures", () => {
    const full = new Lexer(allTokens, { positionTracking: 'full' });
    const files = fixtureFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      for (const token of full.tokenize(readFileSync(file, 'utf8')).tokens) {
        expect(
          tokenEnd(token),
          `${file}: ${JSON.stringify(token.image)} at ${token.startLine}:${token.startColumn}`,
        ).toEqual({
          line: token.endLine,
          column: token.endColumn,
          offset: token.endOffset,
        });
      }
    }
  });
});
