// Evaluates expressions and statements of the Groovy subset Nextflow scripts use.
import { secretsScope } from '../config/secrets.js';
import type { Expression, Position } from '../../syntax/ast-expressions.js';
import type { Statement } from '../../syntax/ast-statements.js';
import { binaryOp, unaryOp } from '../values/arithmetic.js';
import { callFunction, callMethod } from './calls.js';
import type { EvalContext, Evaluator } from './context.js';
import { listOf } from './list-of.js';
import { getIndex, getProperty, isOutputs, setIndex, setProperty } from '../values/members.js';
import { pipeHead, pipeInto } from './pipe-operator.js';
import { evaluateArgs, groovyArgs } from './arguments.js';
import { asPath, classNamed, instanceOf, knownClasses, newInstance, packageRoot } from '../groovy/classes.js';
import { nextflowObject } from '../groovy/nextflow-object.js';
import { assignVar, blockScope, childScope, findScope } from './scope.js';
import { scriptError } from './script-error.js';
import { JumpSignal, ReturnSignal } from './signals.js';
import { GDecimal, isChannel, rangeList, show, truthy, valueKey, type DslClosure } from '../values/values.js';

const MAX_RANGE = 10_000_000;
const MAX_LOOP = 1_000_000; // turns of one `while` or C-style `for` loop: a build that needs more is a loop without end

// Evaluates the names an identifier may stand for: variables, then definitions and globals.
function lookup(ctx: EvalContext, name: string, pos: Position): unknown {
  const scope = findScope(ctx.scope, name);
  if (scope !== undefined) return scope.vars.get(name);
  const callable = ctx.module.callables.get(name);
  if (callable !== undefined) return callable;
  const type = ctx.module.types.get(name);
  if (type?.kind === 'enum') return new Map(type.constants.map((c) => [c, c]));
  const runtime = ctx.module.runtime;
  switch (name) {
    case 'params':
      return runtime.params;
    case 'projectDir':
    case 'baseDir':
      return runtime.workflowMeta.get('projectDir');
    case 'launchDir':
      return runtime.workflowMeta.get('launchDir');
    case 'moduleDir':
      return { kind: 'path', path: ctx.module.dir };
    case 'workflow':
      return runtime.workflowMeta;
    case 'secrets':
      return secretsScope();
    case 'Channel':
    case 'channel':
    case 'log':
    case 'Math':
    case 'System':
    case 'Integer':
    case 'Double':
    case 'Long':
      return { kind: 'global', name: name === 'channel' ? 'Channel' : name };
    case 'nextflow':
      return nextflowObject();
    case 'args':
      return [...runtime.scriptArgs];
    default: {
      const imported = ctx.module.imports?.get(name);
      if (imported !== undefined) return classNamed(imported);
      const root = packageRoot(name);
      if (root !== undefined) return root;
      throw scriptError(ctx, pos, `unknown name \`${name}\``, 'define it before use, or check its spelling');
    }
  }
}

// Evaluates one expression.
export function evaluate(ctx: EvalContext, expr: Expression): unknown {
  switch (expr.kind) {
    case 'number':
      return expr.integer || !Number.isInteger(expr.value) ? expr.value : new GDecimal(expr.value);
    case 'string':
      return expr.value;
    case 'gstring':
      return expr.parts
        .map((part) => (part.kind === 'text' ? part.value : show(evaluate(ctx, part.expression))))
        .join('');
    case 'boolean':
      return expr.value;
    case 'null':
      return null;
    case 'this':
      return null;
    case 'identifier':
      return lookup(ctx, expr.name, expr.pos);
    case 'property': {
      const object = evaluate(ctx, expr.object);
      if (expr.navigation === '?.' && (object === null || object === undefined)) return null;
      if (expr.navigation === '*.')
        return spread(ctx, object, expr.pos, (item) => getProperty(ctx, item, expr.name, expr.pos));
      return getProperty(ctx, object, expr.name, expr.pos);
    }
    case 'index': {
      const object = evaluate(ctx, expr.object);
      const indices = expr.indices.map((index) => evaluate(ctx, index));
      return getIndex(ctx, object, indices, expr.pos);
    }
    case 'call':
      return callFunction(ctx, expr);
    case 'methodCall':
      return callMethod(ctx, expr);
    case 'list':
      return expr.elements.flatMap((element) =>
        element.kind === 'spread' ? listOf(ctx, evaluate(ctx, element.value), element.pos) : [evaluate(ctx, element)],
      );
    case 'map': {
      const map = new Map<unknown, unknown>();
      for (const entry of expr.entries) map.set(evaluate(ctx, entry.key), evaluate(ctx, entry.value));
      return map;
    }
    case 'range': {
      const from = evaluate(ctx, expr.from);
      const to = evaluate(ctx, expr.to);
      if (typeof from === 'string' && typeof to === 'string' && from.length === 1 && to.length === 1)
        return charRange(from, to, expr.exclusive);
      if (typeof from !== 'number' || typeof to !== 'number')
        throw scriptError(ctx, expr.pos, `a range needs integer bounds, got \`${show(from)}..${show(to)}\``);
      if (!(Math.abs(to - from) < MAX_RANGE))
        throw scriptError(
          ctx,
          expr.pos,
          `the range \`${show(from)}..${show(to)}\` is too long`,
          `pipe makes ranges of at most ${MAX_RANGE.toLocaleString('en-US')} values`,
        );
      const items: number[] = [];
      const step = from <= to ? 1 : -1;
      const end = expr.exclusive ? to - step : to;
      for (let i = from; step > 0 ? i <= end : i >= end; i += step) items.push(i);
      return rangeList(items);
    }
    case 'closure':
      return makeClosure(ctx, expr);
    case 'binary':
      if (expr.operator === '&&') return truthy(evaluate(ctx, expr.left)) && truthy(evaluate(ctx, expr.right));
      if (expr.operator === '||') return truthy(evaluate(ctx, expr.left)) || truthy(evaluate(ctx, expr.right));
      if (expr.operator === '|') {
        const left = pipeHead(ctx, evaluate(ctx, expr.left), expr.left);
        if (isChannel(left) || isOutputs(left)) return pipeInto(ctx, left, expr.right);
        return binaryOp(ctx, '|', left, evaluate(ctx, expr.right), expr.pos);
      }
      return binaryOp(ctx, expr.operator, evaluate(ctx, expr.left), evaluate(ctx, expr.right), expr.pos);
    case 'unary':
      return unaryOp(ctx, expr.operator, evaluate(ctx, expr.operand), expr.pos);
    case 'postfix': {
      const before = evaluate(ctx, expr.operand);
      assignTo(ctx, expr.operand, binaryOp(ctx, expr.operator === '++' ? '+' : '-', before, 1, expr.pos));
      return before;
    }
    case 'ternary':
      return truthy(evaluate(ctx, expr.condition)) ? evaluate(ctx, expr.whenTrue) : evaluate(ctx, expr.whenFalse);
    case 'elvis': {
      const value = evaluate(ctx, expr.value);
      return truthy(value) ? value : evaluate(ctx, expr.fallback);
    }
    case 'as':
      return castTo(ctx, evaluate(ctx, expr.value), expr.type, expr.pos);
    case 'instanceof':
      return instanceOf(evaluate(ctx, expr.value), expr.type);
    case 'new':
      return newInstance(ctx, expr.type, groovyArgs(evaluateArgs(ctx, expr)), expr.pos);
    case 'spread':
      throw scriptError(ctx, expr.pos, 'a spread `*value` is only allowed in a list or an argument list');
    default: {
      const never: never = expr;
      throw new Error(`unknown expression ${JSON.stringify(never)}`);
    }
  }
}

// Applies `fn` to each item of a collection (`list*.name`).
function spread(ctx: EvalContext, object: unknown, pos: Position, fn: (item: unknown) => unknown): unknown {
  if (object === null || object === undefined) return null;
  return listOf(ctx, object, pos).map(fn);
}

// `value as Type` for the types scripts convert to.
function castTo(ctx: EvalContext, value: unknown, type: string, pos: Position): unknown {
  switch (type) {
    case 'Integer':
    case 'int':
    case 'Long':
    case 'long':
      return Math.trunc(Number(show(value)));
    case 'String':
      return show(value);
    case 'List':
      return listOf(ctx, value, pos);
    case 'Set':
      return uniqueList(listOf(ctx, value, pos));
    case 'Double':
    case 'Float':
    case 'BigDecimal':
      return Number(show(value));
    case 'boolean':
    case 'Boolean':
      return truthy(value);
    case 'Map':
      if (value instanceof Map) return value;
      return new Map(
        listOf(ctx, value, pos).map((entry) => (Array.isArray(entry) ? [entry[0], entry[1]] : [entry, null])),
      );
    case 'Path':
    case 'File':
      return asPath(value);
    case 'MemoryUnit':
    case 'Duration':
      return value;
    default:
      throw scriptError(ctx, pos, `\`as ${type}\` is not supported`);
  }
}

// The distinct items of a list, first occurrence kept (`as Set`).
function uniqueList(items: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = valueKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Creates a closure over the current scope.
function makeClosure(ctx: EvalContext, expr: Extract<Expression, { kind: 'closure' }>): DslClosure {
  const names = expr.params.map((p) => p.name);
  return {
    kind: 'closure',
    arity: expr.explicitParameters ? names.length : 1,
    call(args) {
      let values = args;
      if (names.length > 1 && args.length === 1 && Array.isArray(args[0])) values = args[0]; // a tuple spread over parameters
      const scope = childScope(ctx.scope);
      if (!expr.explicitParameters) scope.vars.set('it', values[0] ?? null);
      expr.params.forEach((param, i) => {
        const given = values[i];
        scope.vars.set(
          param.name,
          given !== undefined
            ? given
            : param.defaultValue === undefined
              ? null
              : evaluate({ ...ctx, scope }, param.defaultValue),
        );
      });
      return runBody({ module: ctx.module, scope }, expr.body);
    },
  };
}

// Runs a body — a closure's, a function's, a workflow's, a script's: the value of `return`, else of the last
// expression statement. A `break` or `continue` that no loop of the body took is an error at its position, and so
// is a JavaScript RangeError (endless recursion, a string or list too long to make) at the body's start.
export function runBody(ctx: EvalContext, body: readonly Statement[]): unknown {
  try {
    return execute(ctx, body);
  } catch (signal) {
    return leaveBody(ctx, body[0]?.pos, signal);
  }
}

// What leaving a body (starting `at`) by a throw means: the value of a `return`; else the error to throw instead.
export function leaveBody(ctx: EvalContext, at: Position | undefined, signal: unknown): unknown {
  if (signal instanceof ReturnSignal) return signal.value;
  if (signal instanceof JumpSignal)
    throw scriptError(ctx, signal.pos, `\`${signal.jump}\` outside a loop`, 'use it inside a `for` or `while` loop');
  if (signal instanceof RangeError && at !== undefined) throw tooBig(ctx, at, signal);
  throw signal;
}

// The error for a RangeError of the JavaScript engine inside a body.
function tooBig(ctx: EvalContext, pos: Position, error: RangeError): Error {
  return /call stack/i.test(error.message)
    ? scriptError(
        ctx,
        pos,
        'calls nest too deep here',
        'a function or closure that calls itself needs a case that stops',
      )
    : scriptError(ctx, pos, `a value here is too large: ${error.message}`);
}

// Executes statements in order; returns the value of the last one when it is an expression.
export function execute(ctx: EvalContext, statements: readonly Statement[]): unknown {
  let last: unknown = null;
  for (const statement of statements) last = executeOne(ctx, statement);
  return last;
}

// Executes one statement.
function executeOne(ctx: EvalContext, st: Statement): unknown {
  switch (st.kind) {
    case 'expressionStatement':
      return evaluate(ctx, st.expression);
    case 'assignment': {
      let value = evaluate(ctx, st.value);
      if (st.operator !== '=')
        value = binaryOp(ctx, st.operator.slice(0, 1) as '+', evaluate(ctx, st.target), value, st.pos);
      assignTo(ctx, st.target, value);
      return null;
    }
    case 'variableDeclaration':
      ctx.scope.vars.set(st.name, st.value === undefined ? null : evaluate(ctx, st.value));
      return null;
    case 'destructuring': {
      // `(a, b) = PROC(ch)`: a call's outputs spread over the names, one channel each
      const value = evaluate(ctx, st.value);
      const values = isOutputs(value) ? [...value.channels] : listOf(ctx, value, st.pos);
      st.names.forEach((name, i) =>
        st.declared ? ctx.scope.vars.set(name, values[i] ?? null) : assignVar(ctx.scope, name, values[i] ?? null),
      );
      return null;
    }
    case 'if': // its value is the branch's last, as a closure ending in if/else returns it
      if (truthy(evaluate(ctx, st.condition))) return execute({ ...ctx, scope: blockScope(ctx.scope) }, st.then);
      if (st.otherwise !== undefined) return execute({ ...ctx, scope: blockScope(ctx.scope) }, st.otherwise);
      return null;
    case 'for':
      for (const item of listOf(ctx, evaluate(ctx, st.iterable), st.pos)) {
        if (loopOnce(ctx, st.body, [[st.variable, item]]) === 'break') break;
      }
      return null;
    case 'while':
      return loop(ctx, st.condition, st.body, [], st.pos);
    case 'classicFor': {
      // the init's variables belong to the loop; the body has a scope of its own each turn
      const scoped = { ...ctx, scope: blockScope(ctx.scope) };
      execute(scoped, st.init);
      return loop(scoped, st.condition, st.body, st.update, st.pos);
    }
    case 'return':
      throw new ReturnSignal(st.value === undefined ? null : evaluate(ctx, st.value));
    case 'break':
    case 'continue':
      throw new JumpSignal(st.kind, st.pos);
    case 'throw':
    case 'assert':
    case 'try':
    case 'import':
      return executeRare(ctx, st);
    case 'typedName':
      throw scriptError(
        ctx,
        st.pos,
        `\`${st.name}: ${st.type}\` declares a typed name, which belongs in a declaration`,
        'typed names declare process inputs and outputs, take:/emit: entries, params in `params { }` and record fields; use `def x: Type = value` for a variable',
      );
    default: {
      const never: never = st;
      throw new Error(`unknown statement ${JSON.stringify(never)}`);
    }
  }
}

// Runs `body` then `update` while `condition` holds (always when absent), up to MAX_LOOP turns.
function loop(
  ctx: EvalContext,
  condition: Expression | undefined,
  body: readonly Statement[],
  update: readonly Statement[],
  pos: Position,
): null {
  for (let turns = 0; condition === undefined || truthy(evaluate(ctx, condition)); turns++) {
    if (turns === MAX_LOOP)
      throw scriptError(
        ctx,
        pos,
        `the loop ran ${MAX_LOOP.toLocaleString('en-US')} times`,
        'is its condition ever false?',
      );
    if (loopOnce(ctx, body, []) === 'break') break;
    execute(ctx, update);
  }
  return null;
}

// Runs a loop body once; says whether the loop should stop.
function loopOnce(ctx: EvalContext, body: readonly Statement[], vars: [string, unknown][]): 'break' | 'next' {
  try {
    execute({ ...ctx, scope: blockScope(ctx.scope, vars) }, body);
  } catch (signal) {
    if (signal instanceof JumpSignal) return signal.jump === 'break' ? 'break' : 'next';
    throw signal;
  }
  return 'next';
}

// throw, assert, try and import.
function executeRare(
  ctx: EvalContext,
  st: Extract<Statement, { kind: 'throw' | 'assert' | 'try' | 'import' }>,
): unknown {
  switch (st.kind) {
    case 'throw':
      throw scriptError(ctx, st.pos, `the script threw: ${show(evaluate(ctx, st.value))}`);
    case 'assert':
      if (!truthy(evaluate(ctx, st.condition))) {
        const message = st.message === undefined ? 'assertion failed' : show(evaluate(ctx, st.message));
        throw scriptError(ctx, st.pos, message);
      }
      return null;
    case 'try':
      try {
        return execute({ ...ctx, scope: blockScope(ctx.scope) }, st.body);
      } catch (error) {
        const clause = st.catches[0];
        if (clause === undefined || error instanceof ReturnSignal || error instanceof JumpSignal) throw error;
        return execute(
          { ...ctx, scope: blockScope(ctx.scope, [[clause.name, new Map([['message', (error as Error).message]])]]) },
          clause.body,
        );
      } finally {
        if (st.finally !== undefined) execute(ctx, st.finally);
      }
    case 'import':
      if (classNamed(st.name) === undefined)
        throw scriptError(
          ctx,
          st.pos,
          `\`import ${st.name}\` is not supported: pipe does not implement the class`,
          `classes pipe implements: ${knownClasses().join(', ')}`,
        );
      ctx.module.imports?.set(st.name.split('.').pop() ?? st.name, st.name);
      return null;
  }
}

// Stores a value into a name, property or index target.
export function assignTo(ctx: EvalContext, target: Expression, value: unknown): void {
  if (target.kind === 'identifier') assignVar(ctx.scope, target.name, value);
  else if (target.kind === 'property') setProperty(ctx, evaluate(ctx, target.object), target.name, value, target.pos);
  else if (target.kind === 'index')
    setIndex(
      ctx,
      evaluate(ctx, target.object),
      target.indices.map((i) => evaluate(ctx, i)),
      value,
      target.pos,
    );
  else throw scriptError(ctx, target.pos, `cannot assign to a ${target.kind} expression`);
}

// The evaluator as the runtime reaches it through the evaluation context (`ctx.module.runtime.evaluator`).
export const evaluator: Evaluator = { evaluate, runBody, execute };

// `'a'..'e'`: the characters from one to the other, as Groovy's character ranges.
function charRange(from: string, to: string, exclusive: boolean): unknown[] {
  const a = from.charCodeAt(0);
  const b = to.charCodeAt(0);
  const step = a <= b ? 1 : -1;
  const end = exclusive ? b - step : b;
  const items: string[] = [];
  for (let c = a; step > 0 ? c <= end : c >= end; c += step) items.push(String.fromCharCode(c));
  return rangeList(items);
}
