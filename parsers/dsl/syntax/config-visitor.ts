// Visitor methods for `nextflow.config`: `name { … }` blocks, `withName:`/`withLabel:` selectors, dotted assignments.
import { tokenMatcher } from './chevrotain.js';
import type { IToken } from 'chevrotain';
import type { Expression, Position } from './ast-expressions.js';
import type { ConfigItem } from './ast-config.js';
import type { Statement } from './ast-statements.js';
import { errorAt, first, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { CstVisitor } from './cst-visitor.js';
import type * as C from './cst.js';
import { buildString } from './strings.js';
import * as T from './tokens.js';

export interface ConfigMethods {
  configScript(c: C.ConfigScriptCstChildren, ctx: BuildContext): ConfigItem[];
  // The settings of a config body (the file, or the inside of a block): its statements read as config items.
  configBody(c: C.BlockStatementsCstChildren, ctx: BuildContext): ConfigItem[];
}

const SELECTORS = ['withName', 'withLabel'] as const;

export const configMethods: ConfigMethods & ThisType<CstVisitor> = {
  // A whole config file: its functions first (they are callable from any setting), then its settings.
  configScript(c, ctx) {
    const functions = (c.functionDefinition ?? []).map((node): ConfigItem => {
      const definition = this.functionDefinition(node.children, ctx);
      return { kind: 'function', definition, pos: definition.pos };
    });
    return [...functions, ...this.configBody({ blockItem: c.blockItem }, ctx)];
  },

  // Labels open selectors; `name { … }` statements are blocks; the rest are settings.
  configBody(c, ctx) {
    const items: ConfigItem[] = [];
    let selector: { name: (typeof SELECTORS)[number]; pos: Position } | undefined;
    for (const item of c.blockItem ?? []) {
      const label = item.children.label?.[0];
      if (label) {
        const token = first(label.children.Identifier);
        const name = SELECTORS.find((s) => s === token.image);
        if (!name)
          throw errorAt(
            ctx,
            posOf(token),
            `unexpected label \`${token.image}:\` in a config file`,
            'config labels are `withName:` and `withLabel:`, followed by a pattern and a `{ … }` block',
          );
        selector = { name, pos: posOf(token) };
        continue;
      }
      const statement = first(item.children.statement ?? []);
      const block = blockShape(statement);
      if (selector) {
        if (!block)
          throw errorAt(
            ctx,
            selector.pos,
            `\`${selector.name}:\` must be followed by a pattern and a \`{ … }\` block`,
            `e.g. \`${selector.name}: 'FOO' { cpus = 2 }\``,
          );
        items.push({
          kind: 'selector',
          selector: selector.name,
          pattern: blockName(block.name, ctx),
          body: this.configBody(block.body.children, ctx),
          pos: selector.pos,
        });
        selector = undefined;
      } else if (block)
        items.push({
          kind: 'block',
          name: blockName(block.name, ctx),
          body: this.configBody(block.body.children, ctx),
          pos: posOf(block.name),
        });
      else items.push(settingOf(this.statement(statement.children, ctx), ctx));
    }
    return items;
  },
};

// `name { … }` or `'quoted-name' { … }` spotted in the CST: a name or string followed only by a parameterless closure.
function blockShape(node: C.StatementCstNode): { name: IToken; body: C.BlockStatementsCstNode } | undefined {
  const statement = node.children.expressionStatement?.[0]?.children;
  if (!statement || statement.AssignOp || statement.commandArguments) return undefined;
  const expression = first(statement.expression).children;
  if (expression.whenTrue || expression.fallback || expression.BinaryOp) return undefined;
  const operand = first(expression.operand).children;
  if (operand.Not || operand.Minus || operand.Plus || operand.Tilde) return undefined;
  const operations = operand.postfixOperation ?? [];
  const closure = operations[0]?.children.closure?.[0];
  const name = operand.Identifier?.[0] ?? operand.StringLiteral?.[0];
  if (operations.length !== 1 || !closure || !name || closure.children.Arrow) return undefined;
  return { name, body: first(closure.children.blockStatements) };
}

// The name of a block or selector pattern: a bare name or a plain string.
function blockName(token: IToken, ctx: BuildContext): string {
  if (!tokenMatcher(token, T.StringLiteral)) return token.image;
  const literal = buildString(token, ctx);
  if (literal.kind === 'string') return literal.value;
  throw errorAt(
    ctx,
    literal.pos,
    'a config block name cannot interpolate variables',
    'write the name as a plain string',
  );
}

// An assignment, `includeConfig 'file'`, another call-shaped setting, or a `try` around settings.
function settingOf(statement: Statement, ctx: BuildContext): ConfigItem {
  if (statement.kind === 'variableDeclaration')
    return { kind: 'variable', name: statement.name, value: statement.value, pos: statement.pos };
  if (statement.kind === 'try' && statement.finally === undefined)
    return {
      kind: 'try',
      body: statement.body.map((inner) => settingOf(inner, ctx)),
      catches: statement.catches,
      pos: statement.pos,
    };
  if (statement.kind === 'assignment' && statement.operator === '=') {
    const path = dottedPath(statement.target);
    if (path) return { kind: 'assign', path, value: statement.value, pos: statement.pos };
  }
  if (
    statement.kind === 'expressionStatement' &&
    statement.expression.kind === 'call' &&
    statement.expression.callee.kind === 'identifier'
  ) {
    const call = statement.expression;
    const name = statement.expression.callee.name;
    const path = call.args[0];
    if (name === 'includeConfig' && path !== undefined && call.args.length === 1)
      return { kind: 'includeConfig', path, pos: call.pos };
    if (call.namedArgs.length === 0) return { kind: 'call', name, args: call.args, pos: call.pos };
  }
  throw errorAt(
    ctx,
    statement.pos,
    `unsupported ${statement.kind === 'expressionStatement' ? statement.expression.kind : statement.kind} in a config file`,
    'a config holds `name = value` settings, `name { … }` blocks, `withName:`/`withLabel:` selectors and `includeConfig`',
  );
}

// ['process', 'cpus'] for `process.cpus`, or undefined when the target is not a dotted name.
function dottedPath(target: Expression): string[] | undefined {
  if (target.kind === 'identifier') return [target.name];
  if (target.kind === 'property' && target.navigation === '.') {
    const head = dottedPath(target.object);
    return head && [...head, target.name];
  }
  return undefined;
}
