// One CWL process (CommandLineTool, ExpressionTool, Workflow, Operation) from its document form into the
// normalized model, loading the processes its steps run.
import { lazyLocation } from '../../common/structured-document.js';
import type { CommandLineTool, CwlProcess, ExpressionTool, Operation, Workflow } from '../model.js';
import { CWL_VERSIONS, PROCESS_FIELDS } from './fields.js';
import { normalizeParameters } from './parameters.js';
import { normalizeRequirements } from './requirements.js';
import { schemasOf } from './schemas.js';
import { scopeAt, type LoadScope } from './scope.js';
import { fragmentOf, isRecord, mapToList, stringList } from './shorthand.js';
import { checkWorkflowSources } from './sources.js';
import { normalizeSteps } from './steps.js';
import { collectSchemaDefs } from './types.js';

// Normalizes the process `raw` found at `scope.path` of `scope.doc`.
export async function normalizeProcess(raw: unknown, scope: LoadScope): Promise<CwlProcess> {
  if (!isRecord(raw))
    throw scope.error(
      scope.path,
      'a CWL process must be a map with a `class`',
      'start the document with `cwlVersion: v1.2` and `class: CommandLineTool` or `class: Workflow`',
    );
  const versionField = raw.cwlVersion;
  if (versionField !== undefined && (typeof versionField !== 'string' || !CWL_VERSIONS.has(versionField))) {
    throw scope.error(
      [...scope.path, 'cwlVersion'],
      `unsupported cwlVersion \`${String(versionField)}\``,
      'pipe runs CWL v1.0, v1.1 and v1.2 documents',
    );
  }
  if (versionField === undefined && scope.cwlVersion === '') {
    throw scope.error(
      scope.path,
      'the document has no `cwlVersion`',
      'add `cwlVersion: v1.2` at the top of the document',
    );
  }
  const cwlVersion = typeof versionField === 'string' ? versionField : scope.cwlVersion;
  const namespaces = {
    ...scope.namespaces,
    ...(isRecord(raw.$namespaces) ? (raw.$namespaces as Record<string, string>) : {}),
  };
  const schemas = scope.path.length === 0 ? scope.schemas : schemasOf(raw, scope.doc, scope.schemas);
  const cls = raw.class;
  const allowed = typeof cls === 'string' ? PROCESS_FIELDS[cls] : undefined;
  if (allowed === undefined) {
    throw scope.error(
      [...scope.path, 'class'],
      `unknown process class \`${String(cls)}\``,
      'use CommandLineTool, ExpressionTool, Workflow or Operation',
    );
  }
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key) && !key.includes(':')) {
      throw scope.doc.source.error(
        [...scope.path, key],
        `unknown field \`${key}\` in a ${String(cls)}`,
        `the fields of a ${String(cls)} are ${[...allowed].filter((f) => !f.startsWith('$')).join(', ')}`,
        'key',
      );
    }
  }
  const base = scopeAt(scope, { cwlVersion, namespaces, schemas });
  const requirementList = mapToList(raw.requirements, 'class', 'value');
  const hintList = mapToList(raw.hints, 'class', 'value');
  const defs = collectSchemaDefs([...requirementList, ...hintList], scope.defs);
  const inner = scopeAt(base, { defs });
  const requirements = normalizeRequirements(raw.requirements, inner, scope.path, 'requirements');
  const hints = normalizeRequirements(raw.hints, inner, scope.path, 'hints');
  const id =
    typeof raw.id === 'string'
      ? `${scope.doc.uri}#${fragmentOf(raw.id)}`
      : scope.path.length === 0
        ? scope.doc.uri
        : `${scope.doc.uri}#${scope.path.join('/')}`;
  const stdio: { stdout?: string; stderr?: string; stdin?: string } = {};
  if (typeof raw.stdout === 'string') stdio.stdout = raw.stdout;
  if (typeof raw.stderr === 'string') stdio.stderr = raw.stderr;
  const common = {
    id,
    cwlVersion,
    ...(typeof raw.label === 'string' ? { label: raw.label } : {}),
    ...(typeof raw.doc === 'string' ? { doc: raw.doc } : {}),
    inputs: normalizeParameters(raw.inputs, inner, 'inputs', stdio),
    outputs: normalizeParameters(raw.outputs, inner, 'outputs', stdio),
    requirements,
    hints,
    namespaces,
    ...(schemas === undefined || schemas.length === 0 ? {} : { schemas }),
    source: lazyLocation(scope.doc.source, scope.path),
  };
  switch (cls) {
    case 'CommandLineTool': {
      const tool: CommandLineTool = {
        ...common,
        class: 'CommandLineTool',
        baseCommand: stringList(raw.baseCommand) ?? [],
        arguments: Array.isArray(raw.arguments) ? (raw.arguments as CommandLineTool['arguments']) : [],
        ...(raw.stdin === undefined
          ? stdio.stdin === undefined
            ? {}
            : { stdin: stdio.stdin }
          : { stdin: String(raw.stdin) }),
        ...(stdio.stdout === undefined ? {} : { stdout: stdio.stdout }),
        ...(stdio.stderr === undefined ? {} : { stderr: stdio.stderr }),
        successCodes: codes(raw.successCodes, [0]),
        temporaryFailCodes: codes(raw.temporaryFailCodes, []),
        permanentFailCodes: codes(raw.permanentFailCodes, []),
      };
      return tool;
    }
    case 'ExpressionTool': {
      if (typeof raw.expression !== 'string')
        throw scope.error(
          [...scope.path, 'expression'],
          'an ExpressionTool needs an `expression`',
          'write `expression: ${ return {...}; }`',
        );
      const tool: ExpressionTool = { ...common, class: 'ExpressionTool', expression: raw.expression };
      return tool;
    }
    case 'Operation': {
      const operation: Operation = { ...common, class: 'Operation' };
      return operation;
    }
    default: {
      const workflow: Workflow = {
        ...common,
        class: 'Workflow',
        steps: await normalizeSteps(raw.steps, inner, normalizeProcess),
      };
      return checkWorkflowSources(workflow);
    }
  }
}

// A list of exit codes, or the default.
function codes(raw: unknown, fallback: number[]): number[] {
  return Array.isArray(raw) ? raw.map((code) => Number(code)) : fallback;
}
