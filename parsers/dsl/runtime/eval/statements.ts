// Executes statements of the Groovy subset Nextflow scripts use: assignments, declarations, if, loops, try.
import type { Expression, Position } from '../../syntax/ast-expressions.js';
import type { Statement } from '../../syntax/ast-statements.js';
import { binaryOp } from '../values/arithmetic.js';
import { isOutputs } from '../values/members.js';
import { classNamed, knownClasses } from '../groovy/classes.js';
import { show, truthy } from '../values/values.js';
import type { EvalContext } from './context.js';
import { assignTo, evaluate } from './expressions.js';
import { listOf } from './list-of.js';
import { assignVar, blockScope } from './scope.js';
import { scriptError } from './script-error.js';
import { JumpSignal, ReturnSignal } from './signals.js';

const MAX_LOOP = 1_000_000; // turns of one `while` or C-style `for` loop: a build that needs more is a loop without end

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
    case 'throw': {
      // an exception (`new Exception('…')`, a map holding its message) shows its message, as Nextflow prints it
      const thrown = evaluate(ctx, st.value);
      const message = thrown instanceof Map && thrown.has('message') ? thrown.get('message') : thrown;
      throw scriptError(ctx, st.pos, `the script threw: ${show(message)}`);
    }
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
