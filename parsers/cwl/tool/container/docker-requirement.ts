// DockerRequirement: the image a tool runs in and where its output dir is inside the container. Ignored as a hint
// (as `cwltool --no-container` does); as a requirement, the tool runs in the image when the container engine has
// it or can pull it, and is unsupported (exit 33) when not.
// https://www.commonwl.org/v1.2/CommandLineTool.html#DockerRequirement
import { isAbsolute } from 'node:path';
import { UnsupportedError } from '../../../../engine/errors.js';
import type { CommandLineTool } from '../../model.js';
import { ToolError } from '../errors.js';
import type { RequirementScope } from '../requirements.js';
import { findRequirement } from '../requirements.js';
import type { ContainerEngine } from '../../../../engine/container/index.js';

export interface ContainerImage {
  readonly engine: ContainerEngine;
  readonly image: string;
  readonly id: string; // the engine's id of the image, for the task's cache key
  readonly outdir: string; // dockerOutputDirectory, else DEFAULT_OUTDIR
}

// Where the output dir appears inside a container when the tool does not say (the path CWL's early drafts named).
export const DEFAULT_OUTDIR = '/var/spool/cwl';
// Where the tmp dir appears inside a container: beside the output dir rather than at /tmp, because staged
// inputs are mounted at their host paths, which often lie under /tmp.
export const CONTAINER_TMPDIR = '/var/spool/cwl-tmp';

export interface ContainerScope extends RequirementScope {
  // The engine that runs containers, or false to run none (a required DockerRequirement then exits 33).
  readonly containers?: ContainerEngine | false | undefined;
  // A required DockerRequirement without a usable container: 'unsupported' (exit 33) or 'native' (run the tool
  // with this machine's programs, as for a hint).
  readonly withoutContainer?: 'unsupported' | 'native' | undefined;
}

// The container a tool must run in, or undefined when it runs without one.
export async function containerImage(
  tool: CommandLineTool,
  scope: ContainerScope,
  defaultEngine: () => ContainerEngine,
): Promise<ContainerImage | undefined> {
  const found = findRequirement(tool, scope, 'DockerRequirement');
  if (found === undefined || !found.required || scope.withoutContainer === 'native') return undefined;
  const requirement = found.requirement;
  const pull = optionalString(requirement['dockerPull']);
  const image = optionalString(requirement['dockerImageId']) ?? pull;
  const outdir = optionalString(requirement['dockerOutputDirectory']) ?? DEFAULT_OUTDIR;
  if (!isAbsolute(outdir) || outdir === '/') {
    throw new ToolError(`dockerOutputDirectory must be an absolute path below /, got \`${outdir}\``, {
      hint: 'name a folder such as /output',
      location: tool.source,
    });
  }
  const engine = scope.containers === false ? undefined : (scope.containers ?? defaultEngine());
  const unsupported = (why: string, hint: string) =>
    new UnsupportedError(
      `${tool.id} requires a container (DockerRequirement${image === undefined ? '' : ` ${image}`}) and ${why}`,
      { hint, location: tool.source },
    );
  if (image === undefined)
    throw unsupported(
      'names no image by dockerPull or dockerImageId',
      'dockerLoad, dockerFile and dockerImport are not supported; load or build the image and name it by dockerImageId',
    );
  if (engine === undefined)
    throw unsupported(
      'pipe runs tools without containers here',
      'move DockerRequirement to hints to run the tool with the programs on this machine',
    );
  const status = await engine.ensureImage(image, pull);
  if (!status.ok)
    throw unsupported(
      `it cannot run: ${status.reason}`,
      `make the image available (\`podman pull ${pull ?? image}\` or \`podman load\`), or move DockerRequirement to hints to run the tool without it`,
    );
  return { engine, image, id: status.id, outdir: outdir.replace(/\/+$/, '') };
}

// A string field's value, undefined when absent or empty.
function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
