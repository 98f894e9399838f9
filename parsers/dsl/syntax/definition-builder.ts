// CST to AST for top-level definitions: process, workflow, include, function.
import type { Expression, Position } from './ast-expressions.js';
import type { Statement } from './ast-statements.js';
import type { FunctionDefinition, IncludeDeclaration, TopLevel, WorkflowDefinition, WorkflowEmit } from './ast-script.js';
import { errorAt, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type * as C from './cst.js';
import { buildCallArguments, first } from './expression-builder.js';
import { buildParameter } from './literal-builder.js';
import { buildProcess } from './process-builder.js';
import { buildBlockItems, buildStatement, buildStatements } from './statement-builder.js';
import type { Label } from './statement-builder.js';
import { buildString } from './strings.js';

// The items of a whole script in source order.
export function buildScript(node: C.ScriptCstNode, ctx: BuildContext): TopLevel[] {
  return (node.children.topLevelItem ?? []).map((item) => buildTopLevel(item, ctx));
}

// One definition or statement.
function buildTopLevel(node: C.TopLevelItemCstNode, ctx: BuildContext): TopLevel {
  const c = node.children;
  if (c.processDefinition) {
    const p = first(c.processDefinition).children;
    return buildProcess(first(p.name).image, buildBlockItems(blockOf(p.block), ctx), posOf(first(p.Process)), ctx);
  }
  if (c.workflowDefinition) {
    const w = first(c.workflowDefinition).children;
    return buildWorkflow(w.name?.[0]?.image, buildBlockItems(blockOf(w.block), ctx), posOf(first(w.Workflow)), ctx);
  }
  if (c.includeStatement) return buildInclude(first(c.includeStatement), ctx);
  if (c.functionDefinition) {
    const f = first(c.functionDefinition).children;
    const fn: FunctionDefinition = {
      kind: 'function',
      name: first(f.name).image,
      params: (f.parameter ?? []).map((p) => buildParameter(p, ctx)),
      body: buildStatements(blockOf(f.block), ctx),
      pos: posOf(first(f.Def)),
    };
    return fn;
  }
  return buildStatement(first(c.statement ?? []), ctx);
}

// The statements node of a `{ … }` block.
function blockOf(block: readonly C.BlockCstNode[]): C.BlockStatementsCstNode {
  return first(first(block).children.blockStatements);
}

// include { A; B as C } from './x' addParams(...)
function buildInclude(node: C.IncludeStatementCstNode, ctx: BuildContext): IncludeDeclaration {
  const c = node.children;
  const pos = posOf(first(c.Include));
  const items = (c.includeItem ?? []).map((item) => {
    const name = first(item.children.name);
    const alias = item.children.alias?.[0];
    return { name: name.image, ...(alias ? { alias: alias.image } : {}), pos: posOf(name) };
  });
  if (items.length === 0) throw errorAt(ctx, pos, 'the include names nothing', 'list the processes or workflows to include: `include { FOO; BAR as BAZ } from \'./modules/x\'`');
  const source = buildString(first(c.source), ctx);
  if (source.kind !== 'string') throw errorAt(ctx, source.pos, 'an include path cannot interpolate variables', 'write the module path as a plain string, relative to this file: `\'./modules/x\'`');
  const option = c.option?.[0];
  if (option === undefined || c.callArguments === undefined) return { kind: 'include', items, source: source.value, pos };
  if (option.image !== 'addParams' && option.image !== 'params') {
    throw errorAt(ctx, posOf(option), `unexpected \`${option.image}\` after the include path`, 'only `addParams(...)` or `params(...)` may follow an include');
  }
  return { kind: 'include', items, source: source.value, options: { name: option.image, ...buildCallArguments(first(c.callArguments), ctx) }, pos };
}

const WORKFLOW_SECTIONS = ['take', 'main', 'emit'] as const;

// Groups a workflow body by take:/main:/emit:; a body without labels is all main.
function buildWorkflow(name: string | undefined, items: readonly (Statement | Label)[], pos: Position, ctx: BuildContext): WorkflowDefinition {
  const take: { name: string; pos: Position }[] = [];
  const main: Statement[] = [];
  const emit: WorkflowEmit[] = [];
  let section: (typeof WORKFLOW_SECTIONS)[number] = 'main';
  for (const item of items) {
    if (item.kind === 'label') {
      const known = WORKFLOW_SECTIONS.find((s) => s === item.name);
      if (!known) throw errorAt(ctx, item.pos, `unknown section \`${item.name}:\` in workflow${name ? ` \`${name}\`` : ''}`, 'a workflow has `take:`, `main:` and `emit:` sections');
      if (known !== 'main' && name === undefined) throw errorAt(ctx, item.pos, `the entry workflow cannot have a \`${known}:\` section`, 'give the workflow a name to use take:/emit:, and call it from the entry workflow');
      section = known;
    } else if (section === 'main') main.push(item);
    else if (section === 'take') take.push(takeOf(item, ctx));
    else emit.push(emitOf(item, ctx));
  }
  return { kind: 'workflow', ...(name !== undefined ? { name } : {}), take, main, emit, pos };
}

// A `take:` entry: a bare name.
function takeOf(statement: Statement, ctx: BuildContext): { name: string; pos: Position } {
  if (statement.kind === 'expressionStatement' && statement.expression.kind === 'identifier') return { name: statement.expression.name, pos: statement.pos };
  throw errorAt(ctx, statement.pos, 'a `take:` entry must be a single name', 'list one input channel name per line');
}

// An `emit:` entry: `name = expression` or an expression.
function emitOf(statement: Statement, ctx: BuildContext): WorkflowEmit {
  if (statement.kind === 'assignment' && statement.operator === '=' && statement.target.kind === 'identifier') {
    return { name: statement.target.name, value: statement.value, pos: statement.pos };
  }
  if (statement.kind === 'expressionStatement') {
    const value: Expression = statement.expression;
    return { ...(value.kind === 'identifier' ? { name: value.name } : {}), value, pos: statement.pos };
  }
  throw errorAt(ctx, statement.pos, 'an `emit:` entry must be `name = channel` or a channel expression', 'e.g. `emit:\n    counts = QUANT.out`');
}
