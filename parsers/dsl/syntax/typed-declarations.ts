// Typed (strict-syntax) process inputs and outputs: `id: String`, `reads: Path?`, `tuple(id: String, fq: Path)`,
// `record(id: String, fq: Path)`, outputs `name: Type = expr` or any expression, `expr >> 'topic'`.
import type { Expression, Position } from './ast-expressions.js';
import type { Statement } from './ast-statements.js';
import type { IoDeclaration } from './ast-script.js';
import { errorAt } from './build-context.js';
import type { BuildContext } from './build-context.js';

// A type whose values are files (staged as a `path` input).
const PATH_TYPE = /^(?:(?:List|Set|Bag)<Path>|Path)\??$/;

// The typed input a statement declares, or undefined when it is a legacy declaration (`val x`, `tuple val(a), …`).
export function typedInput(statement: Statement, ctx: BuildContext): IoDeclaration | undefined {
  if (statement.kind === 'typedName') return typedComponent(statement.name, statement.type, statement.pos);
  if (statement.kind !== 'expressionStatement') return undefined;
  const e = statement.expression;
  if (e.kind !== 'call' || e.callee.kind !== 'identifier') return undefined;
  const kind = e.callee.name;
  if ((kind !== 'tuple' && kind !== 'record') || e.args.length > 0 || e.namedArgs.length === 0) return undefined;
  const components = e.namedArgs.map((arg) => {
    const type = typeText(arg.value);
    if (type === undefined)
      throw errorAt(ctx, arg.pos, `\`${arg.name}:\` needs a type such as \`String\` or \`Path\``, 'e.g. `id: String`');
    return { ...typedComponent(arg.name, type, arg.pos), ...(kind === 'record' ? { field: arg.name } : {}) };
  });
  return { qualifier: kind, components, options: [], pos: e.pos };
}

// A typed output: `name: Type = expr`, `expr >> 'topic'` (in `topic:`), or an expression that is not a legacy
// declaration (legacy ones, such as `file('x.txt')` or `stdout()`, read as before).
export function typedOutput(
  statement: Statement,
  section: 'output' | 'topic',
  legacy: (name: string) => boolean,
  ctx: BuildContext,
): IoDeclaration | undefined {
  if (section === 'topic') {
    if (statement.kind === 'expressionStatement' && statement.expression.kind === 'binary') {
      const e = statement.expression;
      if (e.operator === '>>')
        return { qualifier: 'expression', target: e.left, topic: e.right, components: [], options: [], pos: e.pos };
    }
    throw errorAt(ctx, statement.pos, 'a `topic:` entry sends a value to a topic', "write `value >> 'topic-name'`");
  }
  if (statement.kind === 'typedName') {
    if (statement.value === undefined)
      throw errorAt(
        ctx,
        statement.pos,
        `the output \`${statement.name}\` needs a value`,
        `e.g. \`${statement.name}: ${statement.type} = file('out.txt')\``,
      );
    const base = {
      qualifier: 'expression' as const,
      target: statement.value,
      name: statement.name,
      type: statement.type,
    };
    return { ...base, components: [], options: [], pos: statement.pos };
  }
  if (statement.kind !== 'expressionStatement') return undefined;
  const e = statement.expression;
  if (e.kind === 'call' && e.callee.kind === 'identifier' && (legacy(e.callee.name) || e.callee.name === 'set'))
    return undefined;
  if (e.kind === 'methodCall' && (e.name === 'from' || e.name === 'into')) return undefined;
  if (e.kind === 'identifier' && (e.name === 'stdout' || e.name === 'stdin')) return undefined;
  return { qualifier: 'expression', target: e, components: [], options: [], pos: e.pos };
}

// An input component of a type: files are `path`, anything else `val`.
function typedComponent(name: string, type: string, pos: Position): IoDeclaration {
  const target: Expression = { kind: 'identifier', name, pos };
  const qualifier = PATH_TYPE.test(type) ? 'path' : 'val';
  return { qualifier, target, name, type, components: [], options: [], pos };
}

// The text of a type written as a named argument's value (`String`, `List<Path>`, `java.nio.file.Path`).
function typeText(value: Expression): string | undefined {
  if (value.kind === 'identifier') return value.name;
  if (value.kind === 'property') {
    const object = typeText(value.object);
    return object === undefined ? undefined : `${object}.${value.name}`;
  }
  return undefined;
}
