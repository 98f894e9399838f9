// Requirements and hints in effect for a tool: the most specific wins, requirements over hints; unknown
// requirements are refused (exit 33), unknown hints ignored.
// https://www.commonwl.org/v1.2/CommandLineTool.html#Requirements_and_hints
import { UnsupportedError } from '../../../engine/errors.js';
import type { CommandLineTool, CwlRequirement } from '../model.js';

// Requirements pipe implements for command-line tools, and the workflow ones a tool may inherit.
const SUPPORTED: ReadonlySet<string> = new Set([
  'InlineJavascriptRequirement',
  'SchemaDefRequirement',
  'LoadListingRequirement',
  'InitialWorkDirRequirement',
  'EnvVarRequirement',
  'ShellCommandRequirement',
  'ResourceRequirement',
  'CUDARequirement',
  'WorkReuse',
  'NetworkAccess',
  'InplaceUpdateRequirement',
  'ToolTimeLimit',
  'DockerRequirement',
  'SoftwareRequirement',
  'SubworkflowFeatureRequirement',
  'ScatterFeatureRequirement',
  'MultipleInputFeatureRequirement',
  'StepInputExpressionRequirement',
]);

export interface RequirementScope {
  readonly jobRequirements?: readonly CwlRequirement[] | undefined; // `cwl:requirements` of the job object: above all others
  readonly requirements?: readonly CwlRequirement[] | undefined; // inherited from steps and workflows, innermost first
  readonly hints?: readonly CwlRequirement[] | undefined;
}

export interface FoundRequirement {
  readonly requirement: CwlRequirement;
  readonly required: boolean; // under `requirements` (not only a hint)
}

// The short class name, without a namespace the loader may have left (`cwltool:LoadListingRequirement`).
export function shortClass(requirement: CwlRequirement): string {
  return requirement.class.replace(/^.*[#:/]/, '');
}

// The requirement of a class in effect: the tool's requirements, inherited requirements, then hints likewise.
export function findRequirement(
  tool: CommandLineTool,
  scope: RequirementScope,
  name: string,
): FoundRequirement | undefined {
  const ordered: Array<readonly [readonly CwlRequirement[], boolean]> = [
    [scope.jobRequirements ?? [], true],
    [tool.requirements, true],
    [scope.requirements ?? [], true],
    [tool.hints, false],
    [scope.hints ?? [], false],
  ];
  for (const [list, required] of ordered) {
    const found = list.find((entry) => shortClass(entry) === name);
    if (found !== undefined) return { requirement: found, required };
  }
  return undefined;
}

// Refuses requirements pipe does not implement, naming them.
export function checkSupported(tool: CommandLineTool, scope: RequirementScope): void {
  const unknown = [...(scope.jobRequirements ?? []), ...tool.requirements, ...(scope.requirements ?? [])]
    .map(shortClass)
    .filter((name) => !SUPPORTED.has(name));
  if (unknown.length > 0) {
    throw new UnsupportedError(
      `Unsupported requirement${unknown.length > 1 ? 's' : ''} ${[...new Set(unknown)].map((name) => `\`${name}\``).join(', ')} in ${tool.id}`,
      {
        hint: 'remove it, or move it to hints if the tool can run without it',
        location: tool.source,
      },
    );
  }
}
