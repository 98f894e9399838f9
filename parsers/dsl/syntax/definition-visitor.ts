// Visitor methods for a script's top level: process, workflow, include and function definitions.
import type { ClosureExpression, Position } from './ast-expressions.js';
import type { Statement } from './ast-statements.js';
import type {
  ClassDefinition,
  ClassMember,
  EnumDefinition,
  FunctionDefinition,
  IncludeDeclaration,
  OutputBlock,
  ParamsBlock,
  RecordDefinition,
  ProcessDefinition,
  TopLevel,
  WorkflowDefinition,
} from './ast-script.js';
import { childrenOf, errorAt, first, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { CstVisitor } from './cst-visitor.js';
import type * as C from './cst.js';
import { buildClass, buildMember } from './class-visitor.js';
import { buildProcess } from './process-sections.js';
import { withoutLabels } from './statement-visitor.js';
import { buildString } from './strings.js';
import { buildWorkflow } from './workflow-sections.js';

export interface DefinitionMethods {
  script(c: C.ScriptCstChildren, ctx: BuildContext): TopLevel[];
  topLevelItem(c: C.TopLevelItemCstChildren, ctx: BuildContext): TopLevel;
  processDefinition(c: C.ProcessDefinitionCstChildren, ctx: BuildContext): ProcessDefinition;
  workflowDefinition(c: C.WorkflowDefinitionCstChildren, ctx: BuildContext): WorkflowDefinition;
  includeStatement(c: C.IncludeStatementCstChildren, ctx: BuildContext): IncludeDeclaration;
  includeItem(c: C.IncludeItemCstChildren): { readonly name: string; readonly alias?: string; readonly pos: Position };
  functionDefinition(c: C.FunctionDefinitionCstChildren, ctx: BuildContext): FunctionDefinition;
  recordDefinition(c: C.RecordDefinitionCstChildren, ctx: BuildContext): RecordDefinition;
  enumDefinition(c: C.EnumDefinitionCstChildren): EnumDefinition;
  classDefinition(c: C.ClassDefinitionCstChildren, ctx: BuildContext): ClassDefinition;
  classMember(c: C.ClassMemberCstChildren, ctx: BuildContext): ClassMember;
}

export const definitionMethods: DefinitionMethods & ThisType<CstVisitor> = {
  // The items of a whole script in source order.
  script(c, ctx) {
    return (c.topLevelItem ?? []).map((item) => this.topLevelItem(item.children, ctx));
  },

  // One definition or statement.
  topLevelItem(c, ctx) {
    if (c.processDefinition) return this.processDefinition(childrenOf(c.processDefinition), ctx);
    if (c.workflowDefinition) return this.workflowDefinition(childrenOf(c.workflowDefinition), ctx);
    if (c.includeStatement) return this.includeStatement(childrenOf(c.includeStatement), ctx);
    if (c.functionDefinition) return this.functionDefinition(childrenOf(c.functionDefinition), ctx);
    if (c.recordDefinition) return this.recordDefinition(childrenOf(c.recordDefinition), ctx);
    if (c.enumDefinition) return this.enumDefinition(childrenOf(c.enumDefinition));
    if (c.classDefinition) return this.classDefinition(childrenOf(c.classDefinition), ctx);
    const statement = this.statement(childrenOf(c.statement ?? []), ctx);
    return paramsBlock(statement, ctx) ?? outputBlock(statement, ctx) ?? statement;
  },

  // process NAME { … }
  processDefinition(c, ctx) {
    return buildProcess(first(c.name).image, this.block(childrenOf(c.block), ctx), posOf(first(c.Process)), ctx);
  },

  // workflow NAME? { … }
  workflowDefinition(c, ctx) {
    return buildWorkflow(c.name?.[0]?.image, this.block(childrenOf(c.block), ctx), posOf(first(c.Workflow)), ctx);
  },

  // include { A; B as C } from './x' addParams(...)
  includeStatement(c, ctx) {
    const pos = posOf(first(c.Include));
    const items = (c.includeItem ?? []).map((item) => this.includeItem(item.children));
    if (items.length === 0)
      throw errorAt(
        ctx,
        pos,
        'the include names nothing',
        "list the processes or workflows to include: `include { FOO; BAR as BAZ } from './modules/x'`",
      );
    const source = buildString(first(c.source), ctx);
    if (source.kind !== 'string')
      throw errorAt(
        ctx,
        source.pos,
        'an include path cannot interpolate variables',
        "write the module path as a plain string, relative to this file: `'./modules/x'`",
      );
    const option = c.option?.[0];
    if (option === undefined || c.callArguments === undefined)
      return { kind: 'include', items, source: source.value, pos };
    if (option.image !== 'addParams' && option.image !== 'params') {
      throw errorAt(
        ctx,
        posOf(option),
        `unexpected \`${option.image}\` after the include path`,
        'only `addParams(...)` or `params(...)` may follow an include',
      );
    }
    return {
      kind: 'include',
      items,
      source: source.value,
      options: { name: option.image, ...this.callArguments(childrenOf(c.callArguments), ctx) },
      pos,
    };
  },

  // A or B as C
  includeItem(c) {
    const name = first(c.name);
    const alias = c.alias?.[0];
    return { name: name.image, ...(alias ? { alias: alias.image } : {}), pos: posOf(name) };
  },

  // def name(a, b = 1) { … }
  functionDefinition(c, ctx) {
    return {
      kind: 'function',
      name: first(c.name).image,
      params: (c.parameter ?? []).map((p) => this.parameter(p.children, ctx)),
      body: withoutLabels(this.block(childrenOf(c.block), ctx), ctx),
      pos: posOf(first(c.Def)),
    };
  },

  // record Name { field: Type … }
  recordDefinition(c, ctx) {
    const fields = this.block(childrenOf(c.block), ctx).map((item) => {
      if (item.kind === 'typedName' && item.value === undefined)
        return { name: item.name, type: item.type, pos: item.pos };
      throw errorAt(
        ctx,
        item.pos,
        `a record holds fields such as \`id: String\``,
        'declare one field per line as `name: Type`',
      );
    });
    return { kind: 'record', name: first(c.name).image, fields, pos: posOf(first(c.keyword)) };
  },

  // enum Name { A, B }
  enumDefinition(c) {
    return {
      kind: 'enum',
      name: first(c.name).image,
      constants: (c.constant ?? []).map((t) => t.image),
      pos: posOf(first(c.keyword)),
    };
  },

  // class Name { … }
  classDefinition(c, ctx) {
    return buildClass(this, c, ctx);
  },

  // one member of a class
  classMember(c, ctx) {
    return buildMember(this, c, ctx);
  },
};

// A top-level `params { name: Type = default … }` (a call of `params` with a closure of typed names), else undefined.
function paramsBlock(statement: Statement, ctx: BuildContext): ParamsBlock | undefined {
  if (statement.kind !== 'expressionStatement') return undefined;
  const call = statement.expression;
  if (call.kind !== 'call' || call.callee.kind !== 'identifier' || call.callee.name !== 'params') return undefined;
  const closure = call.args[0];
  if (call.args.length !== 1 || call.namedArgs.length > 0 || closure?.kind !== 'closure') return undefined;
  const params = closure.body.map((item) => {
    if (item.kind === 'typedName')
      return { name: item.name, type: item.type, ...(item.value ? { value: item.value } : {}), pos: item.pos };
    throw errorAt(
      ctx,
      item.pos,
      "a `params { }` block holds declarations such as `input: Path` or `method: String = 'auto'`",
      'declare one param per line as `name: Type` or `name: Type = default`',
    );
  });
  return { kind: 'params', params, pos: statement.pos };
}

// The closure of a top-level block call `word { … }`, else undefined.
function blockOf(statement: Statement, word: string): ClosureExpression | undefined {
  if (statement.kind !== 'expressionStatement') return undefined;
  const call = statement.expression;
  if (call.kind !== 'call' || call.callee.kind !== 'identifier' || call.callee.name !== word) return undefined;
  const closure = call.args[0];
  return call.args.length === 1 && call.namedArgs.length === 0 && closure?.kind === 'closure' ? closure : undefined;
}

// A top-level `output { name { … } … }` block, else undefined.
function outputBlock(statement: Statement, ctx: BuildContext): OutputBlock | undefined {
  const closure = blockOf(statement, 'output');
  if (closure === undefined) return undefined;
  const targets = closure.body.map((item) => {
    const call = item.kind === 'expressionStatement' ? item.expression : undefined;
    const body = call?.kind === 'call' && call.callee.kind === 'identifier' ? call.args[0] : undefined;
    if (
      call?.kind === 'call' &&
      call.callee.kind === 'identifier' &&
      body?.kind === 'closure' &&
      call.args.length === 1
    )
      return { name: call.callee.name, body: body.body, pos: item.pos };
    throw errorAt(
      ctx,
      item.pos,
      "an `output { }` block holds one block per published output, such as `samples { path 'fastq' }`",
      'name each output the entry workflow publishes, with its settings in braces',
    );
  });
  return { kind: 'output', targets, pos: statement.pos };
}
