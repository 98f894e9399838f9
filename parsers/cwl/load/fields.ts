// The fields each CWL class allows, and the requirement classes pipe knows; tables the loader checks documents
// against (extension fields with a namespace prefix, `prefix:name`, are always allowed).
// https://www.commonwl.org/v1.2/CommandLineTool.html · https://www.commonwl.org/v1.2/Workflow.html

const PROCESS = [
  'id',
  'class',
  'cwlVersion',
  'label',
  'doc',
  'inputs',
  'outputs',
  'requirements',
  'hints',
  'intent',
  '$namespaces',
  '$schemas',
  '$base',
];

// Allowed top-level fields by process class.
export const PROCESS_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  CommandLineTool: new Set([
    ...PROCESS,
    'baseCommand',
    'arguments',
    'stdin',
    'stdout',
    'stderr',
    'successCodes',
    'temporaryFailCodes',
    'permanentFailCodes',
  ]),
  ExpressionTool: new Set([...PROCESS, 'expression']),
  Workflow: new Set([...PROCESS, 'steps']),
  Operation: new Set(PROCESS),
};

// Allowed fields of a workflow step.
export const STEP_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'in',
  'out',
  'run',
  'requirements',
  'hints',
  'label',
  'doc',
  'scatter',
  'scatterMethod',
  'when',
]);

// Requirement classes pipe understands (after namespace expansion, cwltool's extensions by their v1.2 names).
export const KNOWN_REQUIREMENTS: ReadonlySet<string> = new Set([
  'InlineJavascriptRequirement',
  'SchemaDefRequirement',
  'DockerRequirement',
  'SoftwareRequirement',
  'InitialWorkDirRequirement',
  'EnvVarRequirement',
  'ShellCommandRequirement',
  'ResourceRequirement',
  'LoadListingRequirement',
  'WorkReuse',
  'NetworkAccess',
  'InplaceUpdateRequirement',
  'ToolTimeLimit',
  'SubworkflowFeatureRequirement',
  'ScatterFeatureRequirement',
  'MultipleInputFeatureRequirement',
  'StepInputExpressionRequirement',
]);

// cwltool's namespaced extensions that became (or mirror) standard requirements.
export const CWLTOOL_EXTENSIONS: Readonly<Record<string, string>> = {
  LoadListingRequirement: 'LoadListingRequirement',
  InplaceUpdateRequirement: 'InplaceUpdateRequirement',
  TimeLimit: 'ToolTimeLimit',
  WorkReuse: 'WorkReuse',
  NetworkAccess: 'NetworkAccess',
};

export const CWLTOOL_NAMESPACE = 'http://commonwl.org/cwltool#';

// The CWL versions pipe loads.
export const CWL_VERSIONS: ReadonlySet<string> = new Set(['v1.0', 'v1.1', 'v1.2']);
