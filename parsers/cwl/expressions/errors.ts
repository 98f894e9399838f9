// The one error every failed CWL parameter reference or expression becomes.
import { ExitCode, PipeError } from '../../../engine/errors.js';
import type { PipeErrorOptions } from '../../../engine/errors.js';

// Why an evaluation failed, for callers to branch on (never on the message text).
export const ExpressionFailure = {
  Syntax: 'syntax', // unfinished `$(`/`${`, or JavaScript used without InlineJavascriptRequirement
  Reference: 'reference', // a parameter reference names a field, index or symbol that is not there
  Exception: 'exception', // the JavaScript threw (or did not compile)
  Undefined: 'undefined', // the JavaScript returned `undefined`, a function or a symbol, which JSON cannot hold
  Timeout: 'timeout', // the JavaScript ran longer than the time limit
  Crashed: 'crashed', // the sandbox worker died (out of memory, for example)
  Closed: 'closed', // the evaluator was closed before the evaluation finished
} as const;
export type ExpressionFailure = (typeof ExpressionFailure)[keyof typeof ExpressionFailure];

export interface ExpressionErrorOptions extends PipeErrorOptions {
  readonly expression: string;
  readonly failure: ExpressionFailure;
}

// A parameter reference or expression that could not be evaluated; a permanent failure of the CWL process.
export class ExpressionError extends PipeError {
  override readonly code = 'CWL_EXPRESSION';
  override readonly exitCode = ExitCode.Failed;
  readonly expression: string; // the `$(...)` or `${...}` text as written
  readonly failure: ExpressionFailure;

  constructor(message: string, options: ExpressionErrorOptions) {
    super(message, options);
    this.expression = options.expression;
    this.failure = options.failure;
  }
}
