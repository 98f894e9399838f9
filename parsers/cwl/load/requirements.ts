// Requirements and hints into list form with expanded class names and nested spellings normalized; unknown
// requirement classes fail (hints are ignored, as cwltool does). https://www.commonwl.org/v1.2/Workflow.html#Requirements
import { UnsupportedError } from '../../../engine/errors.js';
import type { CwlRequirement } from '../model.js';
import { CWLTOOL_EXTENSIONS, CWLTOOL_NAMESPACE, KNOWN_REQUIREMENTS } from './fields.js';
import type { LoadScope } from './scope.js';
import { isRecord, mapToList } from './shorthand.js';

// The class name after `$namespaces` expansion, mapping cwltool's extensions to their standard names.
function className(raw: string, namespaces: Readonly<Record<string, string>>): string {
  let name = raw;
  const colon = raw.indexOf(':');
  if (colon > 0 && !raw.startsWith('http')) {
    const base = namespaces[raw.slice(0, colon)];
    if (base !== undefined) name = base + raw.slice(colon + 1);
  }
  if (name.startsWith(CWLTOOL_NAMESPACE)) return CWLTOOL_EXTENSIONS[name.slice(CWLTOOL_NAMESPACE.length)] ?? name;
  return name;
}

// Normalizes `requirements` or `hints` at `field` of the object at `path`.
export function normalizeRequirements(
  raw: unknown,
  scope: LoadScope,
  path: readonly (string | number)[],
  field: 'requirements' | 'hints',
): CwlRequirement[] {
  const out: CwlRequirement[] = [];
  mapToList(raw, 'class', 'value').forEach((item, index) => {
    const where = [...path, field, index];
    if (typeof item.class !== 'string') {
      if (field === 'hints') return;
      throw scope.error(
        where,
        `a requirement has no \`class\``,
        'write requirements as `- class: Name` or as a map `Name: {...}`',
      );
    }
    const name = className(item.class, scope.namespaces);
    if (!KNOWN_REQUIREMENTS.has(name)) {
      if (field === 'hints') return;
      if (name.includes(':') || name.includes('#')) {
        throw new UnsupportedError(`requirement \`${item.class}\` is not supported`, {
          location: scope.doc.source.locate(where),
          hint: 'pipe supports the CWL v1.2 requirements; move it to `hints` if it is optional',
        });
      }
      throw scope.error(
        where,
        `unknown requirement class \`${item.class}\``,
        'check the spelling against the CWL v1.2 requirement classes',
      );
    }
    const requirement: Record<string, unknown> = { ...item, class: name };
    if (name === 'EnvVarRequirement') requirement.envDef = mapToList(item.envDef, 'envName', 'envValue');
    if (name === 'SoftwareRequirement') requirement.packages = mapToList(item.packages, 'package', 'specs');
    if (name === 'ResourceRequirement' && scope.cwlVersion !== 'v1.2') checkIntegerResources(requirement, scope, where);
    if (isRecord(requirement)) out.push(requirement as CwlRequirement);
  });
  return out;
}

// CWL v1.0 and v1.1 take whole numbers for resources (v1.2 allows fractions).
function checkIntegerResources(
  requirement: Record<string, unknown>,
  scope: LoadScope,
  where: readonly (string | number)[],
): void {
  for (const [key, value] of Object.entries(requirement)) {
    if (typeof value === 'number' && !Number.isInteger(value)) {
      throw scope.error(
        [...where, key],
        `\`${key}: ${value}\` must be a whole number in CWL ${scope.cwlVersion}`,
        'fractional resources need `cwlVersion: v1.2`',
      );
    }
  }
}
