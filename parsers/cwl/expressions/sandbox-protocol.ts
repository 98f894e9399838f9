// Messages between the expression evaluator and its sandbox processes.

// One JavaScript evaluation: its scope (evaluations of one scope share a context, others never do), the
// expression as a script, the expressionLib as a script, and the parameter context as JSON text (parsed inside the
// sandbox, so no object from outside it enters it).
export interface SandboxRequest {
  readonly id: number;
  readonly scope: string;
  readonly script: string;
  readonly library: string;
  readonly contextJson: string;
  readonly timeoutMs: number;
}

// Why a process could not produce a value: the code threw, returned something JSON cannot hold, or ran too long.
export type SandboxFailure = 'exception' | 'undefined' | 'timeout';

// The result as JSON text, or why there is none.
export type SandboxReply =
  | { readonly id: number; readonly ok: true; readonly json: string }
  | { readonly id: number; readonly ok: false; readonly failure: SandboxFailure; readonly message: string };
