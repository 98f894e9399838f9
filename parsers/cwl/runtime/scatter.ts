// Scatter: one job per combination of the scattered inputs' items, and the outputs gathered back into arrays of
// the shape the scatter method gives. https://www.commonwl.org/v1.2/Workflow.html#WorkflowStep
import { WorkflowFailure } from './errors.js';

export type ScatterMethod = 'dotproduct' | 'nested_crossproduct' | 'flat_crossproduct';

// The jobs of a scatter: each is the step inputs with the scattered ones replaced by one item each.
export function scatterJobs(
  inputs: Record<string, unknown>,
  names: readonly string[],
  method: ScatterMethod | undefined,
  stepId: string,
): Record<string, unknown>[] {
  const lists = names.map((name) => {
    const value = inputs[name];
    if (!Array.isArray(value))
      throw new WorkflowFailure(
        `step \`${stepId}\`: scattered input \`${name}\` is ${JSON.stringify(value)}, not an array`,
        { hint: 'scatter over inputs whose values are lists' },
      );
    return value as unknown[];
  });
  if (names.length === 1 || method === 'dotproduct' || method === undefined) {
    const length = lists[0]?.length ?? 0;
    if (lists.some((list) => list.length !== length)) {
      throw new WorkflowFailure(
        `step \`${stepId}\`: dotproduct scatter over lists of different lengths (${lists.map((l) => l.length).join(', ')})`,
        { hint: 'use nested_crossproduct or flat_crossproduct, or give lists of equal length' },
      );
    }
    return Array.from({ length }, (_, i) =>
      withItems(
        inputs,
        names,
        lists.map((list) => list[i]),
      ),
    );
  }
  const jobs: Record<string, unknown>[] = [];
  const walk = (depth: number, chosen: unknown[]): void => {
    if (depth === lists.length) {
      jobs.push(withItems(inputs, names, chosen));
      return;
    }
    for (const item of lists[depth] as unknown[]) walk(depth + 1, [...chosen, item]);
  };
  walk(0, []);
  return jobs;
}

// Inputs with the scattered names set to the chosen items.
function withItems(
  inputs: Record<string, unknown>,
  names: readonly string[],
  items: readonly unknown[],
): Record<string, unknown> {
  const job = { ...inputs };
  names.forEach((name, i) => (job[name] = items[i]));
  return job;
}

// Gathers per-job results (in job order) into the output shape: flat, or nested per scattered input.
export function gatherScatter(
  results: readonly unknown[],
  inputs: Record<string, unknown>,
  names: readonly string[],
  method: ScatterMethod | undefined,
): unknown[] {
  if (method !== 'nested_crossproduct' || names.length < 2) return [...results];
  const sizes = names.map((name) => (inputs[name] as unknown[]).length);
  let offset = 0;
  const build = (depth: number): unknown[] => {
    const size = sizes[depth] as number;
    if (depth === sizes.length - 1) {
      const slice = results.slice(offset, offset + size);
      offset += size;
      return [...slice];
    }
    return Array.from({ length: size }, () => build(depth + 1));
  };
  return build(0);
}
