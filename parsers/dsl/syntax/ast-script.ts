// AST of a `.nf` script: processes, workflows, includes, functions and top-level statements.
import type { Arguments, Expression, NamedArgument, Parameter, Position } from './ast-expressions.js';
import type { Statement } from './ast-statements.js';

// The root: a file's definitions and statements in source order.
export interface DslScript {
  readonly kind: 'script';
  readonly file: string;
  readonly body: readonly TopLevel[];
}

export type TopLevel =
  | ProcessDefinition
  | WorkflowDefinition
  | IncludeDeclaration
  | FunctionDefinition
  | RecordDefinition
  | EnumDefinition
  | ClassDefinition
  | ParamsBlock
  | OutputBlock
  | Statement;

// output { name { path …; index { … }; mode … } … } (workflow outputs): how each channel the entry workflow's
// `publish:` section names is published; `body` holds the target's settings as statements (`path 'x'`,
// `path { v -> v.bam >> 'align/' }`, `index { path 'x.csv' }`), read by the runtime.
export interface OutputBlock {
  readonly kind: 'output';
  readonly targets: readonly { readonly name: string; readonly body: readonly Statement[]; readonly pos: Position }[];
  readonly pos: Position;
}

// params { name: Type [= default] … } (strict syntax): the pipeline's declared params.
export interface ParamsBlock {
  readonly kind: 'params';
  readonly params: readonly {
    readonly name: string;
    readonly type: string;
    readonly value?: Expression;
    readonly pos: Position;
  }[];
  readonly pos: Position;
}

// record Name { field: Type … } (strict syntax): a record type, its fields with their types.
export interface RecordDefinition {
  readonly kind: 'record';
  readonly name: string;
  readonly fields: readonly { readonly name: string; readonly type: string; readonly pos: Position }[];
  readonly pos: Position;
}

// enum Name { A, B }: named constants, `Name.A`.
export interface EnumDefinition {
  readonly kind: 'enum';
  readonly name: string;
  readonly constants: readonly string[];
  readonly pos: Position;
}

// class Name { … } (Groovy, as in a pipeline's lib/ directory): fields, methods and constructors, static or not.
export interface ClassDefinition {
  readonly kind: 'class';
  readonly name: string;
  readonly members: readonly ClassMember[];
  readonly pos: Position;
}

// One member of a class: a field (with its initial value), a method, or a constructor (named as the class).
export interface ClassMember {
  readonly kind: 'field' | 'method' | 'constructor';
  readonly name: string;
  readonly isStatic: boolean;
  readonly params: readonly Parameter[];
  readonly body: readonly Statement[];
  readonly value?: Expression | undefined;
  readonly pos: Position;
}

// include { A; B as C } from './modules/x' [addParams(...) | params(...)]
export interface IncludeDeclaration {
  readonly kind: 'include';
  readonly items: readonly { readonly name: string; readonly alias?: string; readonly pos: Position }[];
  readonly source: string;
  readonly options?: Arguments & { readonly name: 'addParams' | 'params' };
  readonly pos: Position;
}

// def name(params) { body }
export interface FunctionDefinition {
  readonly kind: 'function';
  readonly name: string;
  readonly params: readonly Parameter[];
  readonly body: readonly Statement[];
  readonly pos: Position;
}

// A directive: a name with arguments (`cpus 2`, `publishDir dir, mode: 'copy'`, `memory { 2.GB * task.attempt }`).
export interface Directive extends Arguments {
  readonly name: string;
  readonly pos: Position;
}

export const IO_QUALIFIERS = ['val', 'path', 'file', 'env', 'eval', 'stdin', 'stdout', 'each', 'tuple'] as const;
// `record` destructures a record input (strict syntax: `record(id: String, reads: Path)`); `expression` is a typed
// output, an expression evaluated when the task ends (`record(id: id, bam: file('*.bam'))`, `upper: String = x`).
export type IoQualifier = (typeof IO_QUALIFIERS)[number] | 'record' | 'expression';

// An input or output declaration: `val x`, `path 'a.txt'`, `tuple val(id), path(reads)`, `path "*.html", emit: html`.
// `target` is the name or pattern (absent for stdin/stdout and tuple); `components` holds tuple (and `each path(x)`)
// parts; `options` the named arguments (emit, optional, arity, stageAs, topic, …).
// Typed (strict-syntax) declarations also have `name` (the input variable, or the output's name), `type` (its text),
// `field` (a component of a record input) and `topic` (an output of the `topic:` section: `expr >> 'name'`).
export interface IoDeclaration {
  readonly qualifier: IoQualifier;
  readonly name?: string;
  readonly type?: string;
  readonly field?: string;
  readonly topic?: Expression;
  readonly target?: Expression;
  readonly components: readonly IoDeclaration[];
  readonly options: readonly NamedArgument[];
  readonly pos: Position;
}

export type ProcessSectionName = 'script' | 'shell' | 'exec';

// The code of a script/shell/exec or stub section: statements whose last value (for script and shell, a string)
// is the task's command.
export interface ProcessBody {
  readonly section: ProcessSectionName | 'stub';
  readonly statements: readonly Statement[];
  readonly pos: Position;
}

export interface ProcessDefinition {
  readonly kind: 'process';
  readonly name: string;
  readonly directives: readonly Directive[];
  readonly inputs: readonly IoDeclaration[];
  readonly outputs: readonly IoDeclaration[];
  readonly when?: Expression;
  // The strict syntax's `stage:` section (`stageAs files, 'name'`, `env 'NAME', value`, `stdin value`).
  readonly stage?: readonly Directive[];
  // Written in the strict syntax (typed inputs or outputs, `stage:` or `topic:`): its outputs emit null values too.
  readonly typed?: boolean;
  readonly body?: ProcessBody;
  readonly stub?: ProcessBody;
  readonly pos: Position;
}

// emit: `name = expression` (named) or `expression`.
export interface WorkflowEmit {
  readonly name?: string;
  readonly value: Expression;
  readonly pos: Position;
}

// workflow NAME? { take: … main: … emit: … }; an unnamed workflow is the entry workflow, which may also have
// `publish:` (workflow outputs, `name = channel`), `onComplete:` and `onError:` (statements run when the run ends).
export interface WorkflowDefinition {
  readonly kind: 'workflow';
  readonly name?: string;
  readonly take: readonly { readonly name: string; readonly type?: string; readonly pos: Position }[];
  readonly main: readonly Statement[];
  readonly emit: readonly WorkflowEmit[];
  readonly publish?: readonly WorkflowEmit[];
  readonly onComplete?: readonly Statement[];
  readonly onError?: readonly Statement[];
  readonly pos: Position;
}
