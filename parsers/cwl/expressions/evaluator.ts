// The CWL expression evaluator the loader, tools and workflows call: parameter references in-thread, JavaScript
// in sandbox processes, both through the same interpolation rules, with cwltool's results.
import type { SourceLocation } from '../../../engine/errors.js';
import { ExpressionError, ExpressionFailure } from './errors.js';
import { escapeRuleFor, interpolate } from './interpolate.js';
import { expressionScript, libraryScript } from './javascript-code.js';
import { parseParameterReference, ReferenceLookupError, resolveParameterReference } from './parameter-reference.js';
import type { ParameterContext } from './parameter-reference.js';
import { createSandboxPool } from './sandbox-pool.js';
import type { SandboxPool } from './sandbox-pool.js';
import { isExpression, UnfinishedExpression } from './scanner.js';

export interface ExpressionEvaluatorOptions {
  readonly workers?: number; // sandbox processes (default 1), started on the first JavaScript evaluation
  readonly timeoutMs?: number; // time limit of one JavaScript evaluation (default 20 s, cwltool's)
  readonly memoryLimitMb?: number; // heap limit of each sandbox process (default 256 MiB)
  readonly dataLimitMb?: number; // all writable memory of each sandbox process, array buffers included (1 GiB)
}

// What the document declares about expressions where the text appears.
export interface ExpressionRequirements {
  readonly javascript: boolean; // InlineJavascriptRequirement is in effect
  readonly expressionLib?: readonly string[];
  readonly cwlVersion?: string; // v1.0 and v1.1 documents get cwltool's legacy backslash escaping
  readonly stripWhitespace?: boolean; // trim the text before interpolating (default true; false for Dirent entry)
  readonly location?: SourceLocation; // where the text is written, for errors
}

// Evaluates expressions in one scope: evaluations in a scope share a JavaScript context (globals an evaluation adds
// are dropped after it; changes to built-ins and expressionLib state stay), evaluations in different scopes never do.
export interface ExpressionScope {
  // Evaluates a CWL value: strings holding `$(`/`${` are interpolated, anything else is returned unchanged.
  evaluate(text: unknown, context: ParameterContext, requirements: ExpressionRequirements): Promise<unknown>;
  // A scope of its own for `name` (a workflow step's path), sharing this evaluator's sandbox processes.
  scope(name: string): ExpressionScope;
}

// The evaluator the run creates: the run's top-level scope, and the owner of the sandbox processes.
export interface ExpressionEvaluator extends ExpressionScope {
  // Stops the sandbox processes; pending JavaScript evaluations fail with failure 'closed'.
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MEMORY_LIMIT_MB = 256;
const DEFAULT_DATA_LIMIT_MB = 1024;
const WATCHDOG_GRACE_MS = 2_000;

// Creates an evaluator; call close() when done with it.
export function createExpressionEvaluator(options: ExpressionEvaluatorOptions = {}): ExpressionEvaluator {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let pool: SandboxPool | undefined;
  let closed = false;
  // The sandbox pool, created on the first JavaScript evaluation.
  const sandbox = (): SandboxPool =>
    (pool ??= createSandboxPool({
      size: options.workers ?? 1,
      heapMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
      dataMb: options.dataLimitMb ?? DEFAULT_DATA_LIMIT_MB,
      graceMs: WATCHDOG_GRACE_MS,
    }));

  // Evaluates one `$(...)`/`${...}` (given without `$`): a parameter reference in-thread when it is one and
  // resolves, JavaScript in the sandbox otherwise (when allowed).
  const evaluateFragment = async (
    scope: string,
    fragment: string,
    context: ParameterContext,
    requirements: ExpressionRequirements,
    contextJson: () => string,
  ): Promise<unknown> => {
    const reference = parseParameterReference(fragment);
    let lookupError: ReferenceLookupError | undefined;
    if (reference !== undefined) {
      try {
        return detach(resolveParameterReference(reference, context));
      } catch (error) {
        if (!(error instanceof ReferenceLookupError)) throw error;
        lookupError = error;
      }
    }
    const expression = `$${fragment}`;
    if (!requirements.javascript) throw referenceError(expression, lookupError, requirements.location);
    if (closed)
      throw javascriptError(
        expression,
        ExpressionFailure.Closed,
        'the expression evaluator is closed',
        requirements.location,
      );
    const outcome = await sandbox().run({
      scope,
      script: expressionScript(fragment),
      library: libraryScript(requirements.expressionLib ?? []),
      contextJson: contextJson(),
      timeoutMs,
    });
    if (outcome.ok) return JSON.parse(outcome.json) as unknown;
    throw javascriptError(expression, outcome.failure, outcome.message, requirements.location);
  };

  // A scope: its evaluations run in contexts of their own.
  const scoped = (scope: string): ExpressionScope => ({
    async evaluate(text, context, requirements) {
      if (!isExpression(text)) return text;
      let json: string | undefined;
      const contextJson = (): string =>
        (json ??= JSON.stringify({
          inputs: context.inputs ?? null,
          self: context.self ?? null,
          runtime: context.runtime ?? null,
        }));
      try {
        return await interpolate(
          text,
          (fragment) => evaluateFragment(scope, fragment, context, requirements, contextJson),
          { escapes: escapeRuleFor(requirements.cwlVersion), stripWhitespace: requirements.stripWhitespace ?? true },
        );
      } catch (error) {
        if (!(error instanceof UnfinishedExpression)) throw error;
        throw new ExpressionError(
          `unfinished expression in ${JSON.stringify(text)}: \`${text.trim().slice(error.start)}\` is never closed`,
          {
            expression: text,
            failure: ExpressionFailure.Syntax,
            hint: 'close every `$(` with `)` and every `${` with `}`, or write `\\$(` for a literal `$(`',
            location: requirements.location,
          },
        );
      }
    },
    scope: (name) => scoped(`${scope}\u0000${name}`),
  });

  const root = scoped('');
  return {
    evaluate: root.evaluate,
    scope: root.scope,
    async close() {
      closed = true;
      await pool?.close();
    },
  };
}

// The error for a `$(...)` that is not a resolvable parameter reference while JavaScript is off.
function referenceError(
  expression: string,
  lookup: ReferenceLookupError | undefined,
  location: SourceLocation | undefined,
): ExpressionError {
  if (lookup !== undefined) {
    return new ExpressionError(`cannot evaluate ${expression}: ${lookup.message}`, {
      expression,
      failure: ExpressionFailure.Reference,
      hint: 'check the names in the reference against the process inputs (or the fields of self and runtime)',
      location,
    });
  }
  return new ExpressionError(
    `${expression} is not a parameter reference, and JavaScript expressions need InlineJavascriptRequirement`,
    {
      expression,
      failure: ExpressionFailure.Syntax,
      hint: 'add `InlineJavascriptRequirement: {}` to requirements, or use a plain reference such as $(inputs.name[0])',
      location,
    },
  );
}

// The error for a JavaScript evaluation that failed in the sandbox.
function javascriptError(
  expression: string,
  failure: ExpressionFailure,
  message: string,
  location: SourceLocation | undefined,
): ExpressionError {
  const hints: Readonly<Record<ExpressionFailure, string>> = {
    syntax: 'check the expression for unbalanced brackets or quotes',
    reference: 'check the names in the reference',
    exception: 'fix the JavaScript; inputs, self and runtime are the only globals besides the expressionLib',
    undefined: 'return a JSON value (null, a string, number, boolean, list or object), e.g. `return null;`',
    timeout: 'make the expression finish sooner, or raise the expression time limit',
    crashed: 'make the expression use less memory',
    closed: 'the run is shutting down; nothing to fix in the expression',
  };
  return new ExpressionError(`JavaScript expression ${expression} failed: ${message}`, {
    expression,
    failure,
    hint: hints[failure],
    location,
  });
}

// A result that shares nothing with the context it came from, as a JavaScript result would not.
function detach(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}
