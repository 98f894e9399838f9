// Workflow connections checked and shortened: every `source` and `outputSource` names a workflow input or a step
// output (`step/out`), and connected types can match. https://www.commonwl.org/v1.2/Workflow.html#WorkflowStepInput
import { ParseError } from '../../../engine/errors.js';
import type { CwlParameter, CwlSource, CwlType, Workflow, WorkflowStep } from '../model.js';
import { findCycle } from '../../common/find-cycle.js';
import { fragmentOf } from './shorthand.js';
import { sinkAccepts } from './type-match.js';

// The workflow with short, checked sources; throws a ParseError naming the first bad connection.
export function checkWorkflowSources(workflow: Workflow): Workflow {
  const types = new Map<string, CwlType>();
  for (const input of workflow.inputs) types.set(input.id, input.type);
  for (const step of workflow.steps) {
    for (const out of step.out) types.set(`${step.id}/${out}`, stepOutputType(step, out));
  }
  const known = [...types.keys()];
  const shorten = (ref: string, where: CwlSource, what: string): string => {
    const parts = fragmentOf(ref).split('/');
    for (let skip = 0; skip < parts.length; skip += 1) {
      const candidate = parts.slice(skip).join('/');
      if (types.has(candidate)) return candidate;
    }
    throw new ParseError(`${what} \`${ref}\` names no workflow input or step output`, {
      location: where,
      hint: `known sources: ${known.join(', ') || '(none)'}`,
    });
  };
  const steps = workflow.steps.map((step) => {
    const runInputs = new Map(step.run.inputs.map((input) => [input.id, input]));
    const inputs = step.in.map((input) => {
      if (input.source === undefined) return input;
      const source = input.source.map((ref) =>
        shorten(ref, step.source, `step \`${step.id}\` input \`${input.id}\` source`),
      );
      return { ...input, source };
    });
    return { ...step, in: inputs, runInputs };
  });
  const outputs = workflow.outputs.map((output): CwlParameter => {
    if (output.outputSource === undefined) return output;
    const outputSource = output.outputSource.map((ref) =>
      shorten(ref, workflow.source, `output \`${output.id}\` outputSource`),
    );
    const merged = mergedType(
      outputSource.map((ref) => types.get(ref) ?? 'Any'),
      output.linkMerge,
      output.pickValue,
    );
    if (!sinkAccepts(output.type, merged)) {
      throw new ParseError(
        `workflow output \`${output.id}\` of type ${describeType(output.type)} cannot take ${describeType(merged)} from ${outputSource.join(', ')}`,
        {
          location: workflow.source,
          hint: 'change the output type, or the linkMerge/pickValue that combines the sources',
        },
      );
    }
    return { ...output, outputSource };
  });
  const checked = steps.map(({ runInputs: _unused, ...step }) => step);
  checkAcyclic(checked);
  return { ...workflow, steps: checked, outputs };
}

// Throws a ParseError naming the steps of a cycle (`cycle: a → b → a`): steps that wait for each other's outputs
// would never start. https://www.commonwl.org/v1.2/Workflow.html#Workflow (the steps form a directed acyclic graph)
function checkAcyclic(steps: readonly WorkflowStep[]): void {
  const consumers = new Map<string, string[]>(steps.map((step) => [step.id, []]));
  for (const step of steps) {
    for (const input of step.in) {
      for (const ref of input.source ?? []) {
        const producer = ref.includes('/') ? ref.slice(0, ref.indexOf('/')) : undefined;
        if (producer !== undefined) consumers.get(producer)?.push(step.id);
      }
    }
  }
  const cycle = findCycle({ nodes: () => [...consumers.keys()], outNeighbors: (id) => [...(consumers.get(id) ?? [])] });
  if (cycle === undefined || cycle.length === 0) return;
  const first = steps.find((step) => step.id === cycle[0]);
  throw new ParseError(`cycle: ${[...cycle, cycle[0]].join(' → ')}`, {
    location: first?.source,
    hint: 'each step takes its inputs from workflow inputs or earlier steps; break the loop by removing one of its links',
  });
}

// The type a step output has downstream: arrays for each level of scatter, optional when the step is conditional.
function stepOutputType(step: WorkflowStep, out: string): CwlType {
  let type: CwlType = step.run.outputs.find((o) => o.id === out)?.type ?? 'Any';
  if (step.when !== undefined) type = ['null', type];
  const levels =
    step.scatter === undefined || step.scatter.length === 0
      ? 0
      : step.scatterMethod === 'nested_crossproduct'
        ? step.scatter.length
        : 1;
  for (let i = 0; i < levels; i += 1) type = { type: 'array', items: type };
  return type;
}

// The type several sources give after linkMerge and pickValue.
function mergedType(types: readonly CwlType[], linkMerge: string | undefined, pickValue: string | undefined): CwlType {
  const single = types.length === 1 && linkMerge === undefined;
  let type: CwlType = single
    ? (types[0] as CwlType)
    : { type: 'array', items: linkMerge === 'merge_flattened' ? types.map(itemsOf) : [...types] };
  if (pickValue === 'first_non_null' || pickValue === 'the_only_non_null')
    type = single ? nonNull(type) : nonNull(itemsOf(type));
  else if (pickValue === 'all_non_null')
    type = single ? withoutNulls(type) : { type: 'array', items: nonNull(itemsOf(type)) };
  return type;
}

// The item type of an array type (or the type itself).
function itemsOf(type: CwlType): CwlType {
  return typeof type === 'object' && !Array.isArray(type) && (type as { type: string }).type === 'array'
    ? (type as { items: CwlType }).items
    : type;
}

// A type without `null` in it.
function nonNull(type: CwlType): CwlType {
  if (!Array.isArray(type)) return type;
  const rest = (type as readonly CwlType[])
    .flatMap((t) => (Array.isArray(t) ? (t as CwlType[]) : [t]))
    .filter((t) => t !== 'null');
  return rest.length === 1 ? (rest[0] as CwlType) : rest;
}

// A type with `null` taken out at every level.
function withoutNulls(type: CwlType): CwlType {
  const outer = nonNull(type);
  if (typeof outer === 'object' && !Array.isArray(outer) && (outer as { type: string }).type === 'array') {
    return { type: 'array', items: withoutNulls((outer as { items: CwlType }).items) };
  }
  return outer;
}

// A short readable rendering of a type for messages.
export function describeType(type: CwlType): string {
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type as readonly CwlType[]).map(describeType).join(' | ');
  const t = type as { type: string; items?: CwlType };
  return t.type === 'array' ? `${describeType(t.items as CwlType)}[]` : t.type;
}
