export { createExpressionEvaluator } from './evaluator.js';
export type {
  ExpressionEvaluator,
  ExpressionEvaluatorOptions,
  ExpressionRequirements,
  ExpressionScope,
} from './evaluator.js';
export { ExpressionError, ExpressionFailure } from './errors.js';
export type { ExpressionErrorOptions } from './errors.js';
export { isExpression, scanNext, UnfinishedExpression } from './scanner.js';
export type { ScannedSpan } from './scanner.js';
export { escapeRuleFor, interpolate } from './interpolate.js';
export type { EscapeRule, FragmentEvaluator, InterpolationOptions } from './interpolate.js';
export {
  PARAMETER_CONTEXT_KEYS,
  parseParameterReference,
  ReferenceLookupError,
  resolveParameterReference,
} from './parameter-reference.js';
export type { ParameterContext, ParameterReference, ReferenceSegment } from './parameter-reference.js';
export { pythonJsonDumps, pythonNumber } from './python-json.js';
export { runtimeContext } from './runtime-context.js';
export type { RuntimeResources } from './runtime-context.js';
