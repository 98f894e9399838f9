// Workflow steps into the normalized model: `in`/`out` in list form, `run` loaded (inline, another file, or a
// `$graph` entry), scatter names shortened. https://www.commonwl.org/v1.2/Workflow.html#WorkflowStep
import { lazyLocation } from '../../common/structured-document.js';
import type { CwlProcess, WorkflowStep, WorkflowStepInput } from '../model.js';
import { findProcess } from './document-process.js';
import { STEP_FIELDS } from './fields.js';
import { resolveFileLiterals } from './parameters.js';
import { resolveReference } from './read-document.js';
import { normalizeRequirements } from './requirements.js';
import { scopeAt, type LoadScope } from './scope.js';
import { entrySegment, isRecord, mapToList, shortName, stringList } from './shorthand.js';

type ProcessLoader = (raw: unknown, scope: LoadScope) => Promise<CwlProcess>;

// Normalizes a workflow's `steps` (list or map form).
export async function normalizeSteps(raw: unknown, scope: LoadScope, load: ProcessLoader): Promise<WorkflowStep[]> {
  const list = mapToList(raw, 'id', 'run');
  const steps: WorkflowStep[] = [];
  for (let index = 0; index < list.length; index += 1) {
    const item = list[index] as Record<string, unknown>;
    const path = [...scope.path, 'steps', entrySegment(raw, index)];
    if (typeof item.id !== 'string') throw scope.error(path, 'a workflow step has no id', 'give every step an `id`');
    for (const key of Object.keys(item)) {
      if (!STEP_FIELDS.has(key) && !key.includes(':'))
        throw scope.doc.source.error(
          [...path, key],
          `unknown field \`${key}\` in step \`${item.id}\``,
          `the fields of a step are ${[...STEP_FIELDS].join(', ')}`,
          'key',
        );
    }
    if (item.when !== undefined && scope.cwlVersion !== 'v1.2') {
      throw scope.error(
        [...path, 'when'],
        `\`when\` on step \`${item.id}\` needs CWL v1.2 (the document is ${scope.cwlVersion})`,
        'set `cwlVersion: v1.2`',
      );
    }
    const run = await loadRun(item.run, scope, [...path, 'run'], load);
    const step: WorkflowStep = {
      id: shortName(item.id),
      in: mapToList(item.in, 'id', 'source').map((input) => stepInput(input, scope)),
      out: (Array.isArray(item.out) ? item.out : []).map((out) =>
        shortName(isRecord(out) ? String(out.id) : String(out)),
      ),
      run,
      requirements: normalizeRequirements(item.requirements, scope, path, 'requirements'),
      hints: normalizeRequirements(item.hints, scope, path, 'hints'),
      ...(item.scatter === undefined ? {} : { scatter: (stringList(item.scatter) ?? []).map(shortName) }),
      ...(typeof item.scatterMethod === 'string'
        ? { scatterMethod: item.scatterMethod as WorkflowStep['scatterMethod'] }
        : {}),
      ...(typeof item.when === 'string' ? { when: item.when } : {}),
      source: lazyLocation(scope.doc.source, path),
    };
    steps.push(step);
  }
  return steps;
}

// One entry of a step's `in`.
function stepInput(input: Record<string, unknown>, scope: LoadScope): WorkflowStepInput {
  const out: Record<string, unknown> = { id: shortName(String(input.id)) };
  const source = stringList(input.source);
  if (source !== undefined) out.source = source;
  for (const key of ['linkMerge', 'pickValue', 'valueFrom', 'loadContents', 'loadListing'] as const)
    if (input[key] !== undefined) out[key] = input[key];
  if (input.default !== undefined) out.default = resolveFileLiterals(input.default, scope.doc.file);
  return out as unknown as WorkflowStepInput;
}

// Loads what a step runs: an inline process, or a reference to a file and/or `#fragment`.
async function loadRun(
  raw: unknown,
  scope: LoadScope,
  path: readonly (string | number)[],
  load: ProcessLoader,
): Promise<CwlProcess> {
  if (isRecord(raw)) return load(raw, scopeAt(scope, { path }));
  if (typeof raw !== 'string')
    throw scope.error(path, 'a step has no `run`', 'set `run:` to a tool file or an inline process');
  const hash = raw.indexOf('#');
  const fragment = hash >= 0 ? raw.slice(hash + 1) : undefined;
  const filePart = hash >= 0 ? raw.slice(0, hash) : raw;
  const doc =
    filePart === ''
      ? scope.doc
      : await scope.reader.read(resolveReference(filePart, scope.doc.file), { doc: scope.doc, path });
  const found = findProcess(doc, fragment, scopeAt(scope, { path }), path);
  return load(found.raw, found.scope);
}
