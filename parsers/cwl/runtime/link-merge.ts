// Combining the values of several sources into one input: linkMerge and pickValue.
// https://www.commonwl.org/v1.2/Workflow.html#WorkflowStepInput · #PickValueMethod
import { WorkflowFailure } from './errors.js';

// Merges source values: one source without linkMerge passes its value; merge_nested lists them;
// merge_flattened lists them, splicing in the items of those that are lists.
export function mergeSources(values: readonly unknown[], linkMerge: string | undefined): unknown {
  if (values.length === 1 && linkMerge === undefined) return values[0];
  if (linkMerge === 'merge_flattened') return values.flatMap((value) => (Array.isArray(value) ? value : [value]));
  return [...values];
}

// Applies pickValue to a merged value; `what` names the input or output for errors.
export function pickValue(value: unknown, method: string | undefined, what: string): unknown {
  if (method === undefined) return value;
  const items = Array.isArray(value) ? value : [value];
  const present = items.filter((item) => item !== null && item !== undefined);
  switch (method) {
    case 'first_non_null':
      if (present.length === 0)
        throw new WorkflowFailure(`${what}: pickValue first_non_null found only null values`, {
          hint: 'at least one source must produce a value',
        });
      return present[0];
    case 'the_only_non_null':
      if (present.length !== 1) {
        throw new WorkflowFailure(`${what}: pickValue the_only_non_null found ${present.length} non-null values`, {
          hint: 'exactly one source must produce a value',
        });
      }
      return present[0];
    case 'all_non_null':
      return present;
    default:
      throw new WorkflowFailure(`${what}: unknown pickValue \`${method}\``, {
        hint: 'use first_non_null, the_only_non_null or all_non_null',
      });
  }
}
