// Messages between the expression evaluator and its sandbox worker threads.

// One JavaScript evaluation: the `$(...)`/`${...}` fragment (without `$`), the expressionLib, and the parameter
// context as JSON text (the worker parses it inside the sandbox, so no object of the host realm enters it).
export interface SandboxRequest {
  readonly id: number;
  readonly fragment: string;
  readonly expressionLib: readonly string[];
  readonly contextJson: string;
  readonly timeoutMs: number;
}

// Why a worker could not produce a value: the code threw, returned something JSON cannot hold, or ran too long.
export type SandboxFailure = 'exception' | 'undefined' | 'timeout';

// The result as JSON text, or why there is none.
export type SandboxReply =
  | { readonly id: number; readonly ok: true; readonly json: string }
  | { readonly id: number; readonly ok: false; readonly failure: SandboxFailure; readonly message: string };
