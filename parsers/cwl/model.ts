// The normalized CWL document model the CWL runtime works on: plain JSON after loading, `$import`/`$include`,
// SchemaDefRequirement and shorthand expansion, so that tools and workflows never see the many spellings CWL allows.
// https://www.commonwl.org/v1.2/CommandLineTool.html · https://www.commonwl.org/v1.2/Workflow.html

// A type after normalization: `string?` → ['null', 'string'], `File[]` → { type: 'array', items: 'File' },
// named schema types (SchemaDefRequirement) inlined; a union is an array.
export type CwlType =
  | string // 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'string' | 'File' | 'Directory' | 'Any'
  | CwlArrayType
  | CwlRecordType
  | CwlEnumType
  | readonly CwlType[];

export interface CwlArrayType {
  readonly type: 'array';
  readonly items: CwlType;
  readonly inputBinding?: CwlBinding | undefined;
}

export interface CwlRecordType {
  readonly type: 'record';
  readonly name?: string | undefined;
  readonly fields: readonly CwlParameter[];
  readonly inputBinding?: CwlBinding | undefined;
}

export interface CwlEnumType {
  readonly type: 'enum';
  readonly name?: string | undefined;
  readonly symbols: readonly string[]; // short symbols, without the document's URI
  readonly inputBinding?: CwlBinding | undefined;
}

// CommandLineBinding: https://www.commonwl.org/v1.2/CommandLineTool.html#CommandLineBinding
export interface CwlBinding {
  readonly position?: number | string | undefined; // a number, or an expression giving one
  readonly prefix?: string | undefined;
  readonly separate?: boolean | undefined; // default true
  readonly itemSeparator?: string | undefined;
  readonly valueFrom?: string | undefined;
  readonly shellQuote?: boolean | undefined; // default true
  readonly loadContents?: boolean | undefined; // v1.0 spelling on bindings
}

export interface CwlOutputBinding {
  readonly glob?: string | readonly string[] | undefined;
  readonly loadContents?: boolean | undefined;
  readonly loadListing?: LoadListing | undefined;
  readonly outputEval?: string | undefined;
}

export type LoadListing = 'no_listing' | 'shallow_listing' | 'deep_listing';

export interface CwlSecondaryFile {
  readonly pattern: string; // may be an expression
  readonly required?: boolean | string | undefined; // may be an expression
}

// An input or output parameter of a process, or a field of a record type; `id` is the short name.
export interface CwlParameter {
  readonly id: string;
  readonly type: CwlType;
  readonly default?: unknown;
  readonly label?: string | undefined;
  readonly doc?: string | undefined;
  readonly format?: string | readonly string[] | undefined; // expanded IRIs or an expression
  readonly secondaryFiles?: readonly CwlSecondaryFile[] | undefined;
  readonly streamable?: boolean | undefined;
  readonly loadContents?: boolean | undefined;
  readonly loadListing?: LoadListing | undefined;
  readonly inputBinding?: CwlBinding | undefined; // CommandLineTool inputs
  readonly outputBinding?: CwlOutputBinding | undefined; // CommandLineTool outputs
  readonly outputSource?: readonly string[] | undefined; // Workflow outputs: short source ids (`step/out`, `input`)
  readonly linkMerge?: 'merge_nested' | 'merge_flattened' | undefined;
  readonly pickValue?: 'first_non_null' | 'the_only_non_null' | 'all_non_null' | undefined;
}

// A requirement or hint: its `class` and its fields as written (after normalization of nested spellings).
export interface CwlRequirement {
  readonly class: string;
  readonly [field: string]: unknown;
}

// Where a node came from, for error messages: the file and the position of the node within it.
export interface CwlSource {
  readonly file: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

interface CwlProcessBase {
  readonly id: string; // a URI: file:///abs/tool.cwl or file:///abs/wf.cwl#main
  readonly cwlVersion: string; // of the document it came from: v1.0, v1.1 or v1.2
  readonly label?: string | undefined;
  readonly doc?: string | undefined;
  readonly inputs: readonly CwlParameter[];
  readonly outputs: readonly CwlParameter[];
  readonly requirements: readonly CwlRequirement[];
  readonly hints: readonly CwlRequirement[];
  readonly namespaces?: Readonly<Record<string, string>> | undefined; // $namespaces, for formats
  readonly schemas?: readonly string[] | undefined; // $schemas as absolute paths: format ontologies (EDAM.owl, .ttl)
  readonly source: CwlSource;
}

export interface CommandLineTool extends CwlProcessBase {
  readonly class: 'CommandLineTool';
  readonly baseCommand: readonly string[];
  readonly arguments: ReadonlyArray<string | CwlBinding>;
  readonly stdin?: string | undefined;
  readonly stdout?: string | undefined; // after `type: stdout` outputs are turned into a glob of this name
  readonly stderr?: string | undefined;
  readonly successCodes: readonly number[];
  readonly temporaryFailCodes: readonly number[];
  readonly permanentFailCodes: readonly number[];
}

export interface ExpressionTool extends CwlProcessBase {
  readonly class: 'ExpressionTool';
  readonly expression: string;
}

export interface Operation extends CwlProcessBase {
  readonly class: 'Operation';
}

export interface WorkflowStepInput {
  readonly id: string; // short name
  readonly source?: readonly string[] | undefined; // short source ids
  readonly linkMerge?: 'merge_nested' | 'merge_flattened' | undefined;
  readonly pickValue?: 'first_non_null' | 'the_only_non_null' | 'all_non_null' | undefined;
  readonly default?: unknown;
  readonly valueFrom?: string | undefined;
  readonly loadContents?: boolean | undefined;
  readonly loadListing?: LoadListing | undefined;
}

export interface WorkflowStep {
  readonly id: string; // short name
  readonly in: readonly WorkflowStepInput[];
  readonly out: readonly string[]; // short output names
  readonly run: CwlProcess; // loaded, whether written inline or as a reference
  readonly requirements: readonly CwlRequirement[];
  readonly hints: readonly CwlRequirement[];
  readonly scatter?: readonly string[] | undefined; // short input names
  readonly scatterMethod?: 'dotproduct' | 'nested_crossproduct' | 'flat_crossproduct' | undefined;
  readonly when?: string | undefined;
  readonly source: CwlSource;
}

export interface Workflow extends CwlProcessBase {
  readonly class: 'Workflow';
  readonly steps: readonly WorkflowStep[];
}

export type CwlProcess = CommandLineTool | ExpressionTool | Workflow | Operation;

// A File or Directory value as CWL defines it; `location` is a URI (file:// for local files).
export interface CwlFile {
  readonly class: 'File';
  location?: string;
  path?: string;
  basename?: string;
  dirname?: string;
  nameroot?: string;
  nameext?: string;
  checksum?: string;
  size?: number;
  secondaryFiles?: Array<CwlFile | CwlDirectory>;
  format?: string;
  contents?: string;
}

export interface CwlDirectory {
  readonly class: 'Directory';
  location?: string;
  path?: string;
  basename?: string;
  listing?: Array<CwlFile | CwlDirectory>;
}
