// Entry points: text of a `.nf` script or `nextflow.config` to its AST, or a ParseError naming file:line:col.
import type { CstNode, IToken } from 'chevrotain';
import type { Expression, Position } from './ast-expressions.js';
import type { ConfigFile } from './ast-config.js';
import type { DslScript } from './ast-script.js';
import type { BuildContext } from './build-context.js';
import type * as C from './cst.js';
import { FILE_START, tokenize } from './lexer.js';
import type { Origin } from './lexer.js';
import { getParser, getVisitor } from './parser-instance.js';
import type { DslParser } from './dsl-parser.js';
import { checkLabelledClosures } from './statement-visitor.js';
import { syntaxError } from './syntax-errors.js';
import { LBracket, LCurly, LParen, Newline, RBracket, RCurly, RESERVED_WORDS, RParen } from './tokens.js';
import { ParseError } from '../../../engine/errors.js';

// Brackets may nest this deep; deeper would exhaust the recursive parser's stack.
const MAX_NESTING = 200;

// Parses a Nextflow DSL2 script.
export function parseDsl(text: string, file: string): DslScript {
  return withinStack(file, () => {
    const ctx = contextFor(file);
    const cst = run(text, file, FILE_START, (parser) => parser.script()) as C.ScriptCstNode;
    const body = getVisitor().script(cst.children, ctx);
    checkLabelledClosures(ctx);
    return { kind: 'script', file, body };
  });
}

// Parses a Nextflow config file.
export function parseConfig(text: string, file: string): ConfigFile {
  return withinStack(file, () => {
    const ctx = contextFor(file);
    const cst = run(text, file, FILE_START, (parser) => parser.configScript()) as C.ConfigScriptCstNode;
    const body = getVisitor().configScript(cst.children, ctx);
    checkLabelledClosures(ctx);
    return { kind: 'config', file, body };
  });
}

// Runs `parse`, turning an exhausted stack (expressions chained or nested thousands deep) into a ParseError.
function withinStack<X>(file: string, parse: () => X): X {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ParseError(`\`${file}\` nests expressions too deeply to be read`, {
      location: { file },
      hint: 'split the deepest expression into variables',
      cause: error,
    });
  }
}

// Refuses brackets nested more than MAX_NESTING deep, at the first one too deep.
function checkNesting(tokens: readonly IToken[], file: string): void {
  let depth = 0;
  for (const token of tokens) {
    if (token.tokenType === LCurly || token.tokenType === LParen || token.tokenType === LBracket) depth++;
    else if (token.tokenType === RCurly || token.tokenType === RParen || token.tokenType === RBracket) depth--;
    if (depth > MAX_NESTING)
      throw new ParseError(`brackets nest more than ${MAX_NESTING} deep at ${token.startLine}:${token.startColumn}`, {
        location: { file, line: token.startLine, column: token.startColumn },
        hint: 'split the expression into variables',
      });
  }
}

// The visitor's context for a file: interpolations parse as expressions placed at their position in it.
function contextFor(file: string): BuildContext {
  const ctx: BuildContext = {
    file,
    labelledClosures: new Set(),
    parseFragment: (text: string, origin: Origin): Expression => {
      const simple = simpleFragment(text, origin);
      if (simple !== undefined) return simple;
      const cst = run(text, file, origin, (parser) => parser.expression()) as C.ExpressionCstNode;
      return getVisitor().expression(cst.children, ctx);
    },
  };
  return ctx;
}

// Lexes and parses with one grammar rule, turning the first syntax error into a ParseError (line breaks inside an
// interpolation `${...}` separate nothing outside a closure's braces, so a fragment is read without those).
function run(text: string, file: string, origin: Origin, rule: (parser: DslParser) => CstNode): CstNode {
  const tokens = tokenize(text, file, origin);
  checkNesting(tokens, file);
  const parser = getParser();
  parser.input = origin === FILE_START ? tokens : withoutOuterNewlines(tokens);
  const cst = rule(parser);
  const error = parser.errors[0];
  if (error !== undefined) throw syntaxError(error, tokens, file);
  return cst;
}

// The tokens of an interpolation without the line breaks outside braces (inside a closure they end statements).
function withoutOuterNewlines(tokens: readonly IToken[]): IToken[] {
  let depth = 0;
  return tokens.filter((t) => {
    if (t.tokenType === LCurly) depth++;
    else if (t.tokenType === RCurly) depth--;
    return t.tokenType !== Newline || depth > 0;
  });
}

// A name or dotted path (`${sample_id}`, `${ params.outdir }`), most interpolations, built without the lexer and
// parser into the same AST they give: an identifier with property accesses, each node at the first name's position.
function simpleFragment(text: string, origin: Origin): Expression | undefined {
  const match = SIMPLE_FRAGMENT.exec(text);
  const lead = match?.[1];
  const path = match?.[2];
  if (lead === undefined || path === undefined) return undefined;
  const [head = '', ...members] = path.split('.');
  if (RESERVED_WORDS.has(head)) return undefined;
  const pos: Position = { line: origin.line, column: origin.column + lead.length, offset: origin.offset + lead.length };
  let expression: Expression = { kind: 'identifier', name: head, pos };
  for (const name of members) expression = { kind: 'property', object: expression, name, navigation: '.', pos };
  return expression;
}

const SIMPLE_FRAGMENT = /^([ \t]*)([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)[ \t]*$/;
