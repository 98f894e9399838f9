// Closures and bodies: a closure value over its scope, and running a body — a closure's, a function's, a
// workflow's, a script's — to its value. Statements and expressions are reached through the evaluation context.
import type { Expression, Position } from '../../syntax/ast-expressions.js';
import type { Statement } from '../../syntax/ast-statements.js';
import type { DslClosure } from '../values/values.js';
import { evaluate, execute, type EvalContext } from './context.js';
import { childScope } from './scope.js';
import { scriptError } from './script-error.js';
import { JumpSignal, ReturnSignal } from './signals.js';

// Creates a closure over the current scope.
export function makeClosure(ctx: EvalContext, expr: Extract<Expression, { kind: 'closure' }>): DslClosure {
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
