// Errors of the DSL runtime: what a script does that pipe cannot run, and failures while evaluating it.
import { ParseError, PipeError, type PipeErrorOptions } from '../../../../engine/errors.js';

// A construct or value the runtime does not support, or a script error found while building the workflow.
export class DslScriptError extends ParseError {}

// A failure while the workflow runs: an operator's closure threw, a channel got a value it cannot take.
export class DslRuntimeError extends PipeError {
  override readonly code = 'DSL_RUNTIME';
}

// The script's own `error(message)`: the run stops with that message, as written (no operator or process prefix).
export class DslAbort extends DslScriptError {}

export type { PipeErrorOptions };
