// Visitor methods for a script's top level: process, workflow, include and function definitions.
import type { Position } from './ast-expressions.js';
import type {
  FunctionDefinition,
  IncludeDeclaration,
  ProcessDefinition,
  TopLevel,
  WorkflowDefinition,
} from './ast-script.js';
import { childrenOf, errorAt, first, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { CstVisitor } from './cst-visitor.js';
import type * as C from './cst.js';
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
    return this.statement(childrenOf(c.statement ?? []), ctx);
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
};
