// The expression settings in force for a process: JavaScript allowed or not, its expressionLib, the CWL version.
import type { ExpressionRequirements } from '../expressions/index.js';
import type { CwlSource } from '../model.js';
import { findRequirement, type Effective } from './requirements.js';

// Builds the evaluator's requirements from the effective requirements.
export function expressionRequirements(
  effective: Effective,
  cwlVersion: string,
  source: CwlSource,
): ExpressionRequirements {
  const inline =
    effective.requirements.find((r) => r.class === 'InlineJavascriptRequirement') ??
    findRequirement(effective, 'InlineJavascriptRequirement');
  const lib = inline?.expressionLib;
  return {
    javascript: inline !== undefined,
    ...(Array.isArray(lib) ? { expressionLib: lib.map(String) } : {}),
    cwlVersion,
    location: source, // found when read: the document is parsed for positions only to point into it
  };
}
