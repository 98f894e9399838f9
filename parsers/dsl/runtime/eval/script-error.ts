// The error every construct of the runtime raises for a script it cannot run: a message at a source position.
import type { Position } from '../../syntax/ast-expressions.js';
import { locate, type EvalContext } from './context.js';
import { DslScriptError } from './errors.js';

// An error naming a construct at a position.
export function scriptError(ctx: EvalContext, pos: Position, message: string, hint?: string): DslScriptError {
  return new DslScriptError(message, { location: locate(ctx, pos), ...(hint === undefined ? {} : { hint }) });
}
