// Requirements and hints in force for a process: inherited from the enclosing workflow and step, overridden by
// the process's own (a requirement of a class replaces a hint of the same class).
// https://www.commonwl.org/v1.2/Workflow.html#Requirements_and_hints
import type { CwlRequirement } from '../model.js';

export interface Effective {
  readonly requirements: readonly CwlRequirement[];
  readonly hints: readonly CwlRequirement[];
}

// Merges lists where a later entry replaces an earlier one of the same class.
function overlay(...lists: (readonly CwlRequirement[])[]): CwlRequirement[] {
  const byClass = new Map<string, CwlRequirement>();
  for (const list of lists) for (const item of list) byClass.set(item.class, item);
  return [...byClass.values()];
}

// What applies inside a process given what applies around it (`outer`) and, for a step, the step's own lists.
export function effectiveRequirements(outer: Effective, own: Effective, step?: Effective): Effective {
  const requirements = overlay(outer.requirements, step?.requirements ?? [], own.requirements);
  const classes = new Set(requirements.map((r) => r.class));
  const hints = overlay(outer.hints, step?.hints ?? [], own.hints).filter((h) => !classes.has(h.class));
  return { requirements, hints };
}

// The requirement (or, failing that, hint) of a class in force.
export function findRequirement(effective: Effective, cls: string): CwlRequirement | undefined {
  return effective.requirements.find((r) => r.class === cls) ?? effective.hints.find((h) => h.class === cls);
}
