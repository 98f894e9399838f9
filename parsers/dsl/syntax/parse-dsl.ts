// Entry points: text of a `.nf` script or `nextflow.config` to its AST, or a ParseError naming file:line:col.
import type { CstNode } from 'chevrotain';
import type { Expression } from './ast-expressions.js';
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
import { Newline } from './tokens.js';

// Parses a Nextflow DSL2 script.
export function parseDsl(text: string, file: string): DslScript {
  const ctx = contextFor(file);
  const cst = run(text, file, FILE_START, (parser) => parser.script()) as C.ScriptCstNode;
  const body = getVisitor().script(cst.children, ctx);
  checkLabelledClosures(ctx);
  return { kind: 'script', file, body };
}

// Parses a Nextflow config file.
export function parseConfig(text: string, file: string): ConfigFile {
  const ctx = contextFor(file);
  const cst = run(text, file, FILE_START, (parser) => parser.configScript()) as C.ConfigScriptCstNode;
  const body = getVisitor().configScript(cst.children, ctx);
  checkLabelledClosures(ctx);
  return { kind: 'config', file, body };
}

// The visitor's context for a file: interpolations parse as expressions placed at their position in it.
function contextFor(file: string): BuildContext {
  const ctx: BuildContext = {
    file,
    labelledClosures: new Set(),
    parseFragment: (text: string, origin: Origin): Expression => {
      const cst = run(text, file, origin, (parser) => parser.expression()) as C.ExpressionCstNode;
      return getVisitor().expression(cst.children, ctx);
    },
  };
  return ctx;
}

// Lexes and parses with one grammar rule, turning the first syntax error into a ParseError (line breaks inside an
// interpolation `${...}` separate nothing, so a fragment is read without them).
function run(text: string, file: string, origin: Origin, rule: (parser: DslParser) => CstNode): CstNode {
  const tokens = tokenize(text, file, origin);
  const parser = getParser();
  parser.input = origin === FILE_START ? tokens : tokens.filter((t) => t.tokenType !== Newline);
  const cst = rule(parser);
  const error = parser.errors[0];
  if (error !== undefined) throw syntaxError(error, tokens, file);
  return cst;
}
