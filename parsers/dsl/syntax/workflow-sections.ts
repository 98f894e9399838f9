// A workflow body's labelled sections (take:, main:, emit:) into a WorkflowDefinition.
import type { Expression, Position } from './ast-expressions.js';
import type { Statement } from './ast-statements.js';
import type { WorkflowDefinition, WorkflowEmit } from './ast-script.js';
import { errorAt } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { Label } from './statement-visitor.js';

const WORKFLOW_SECTIONS = ['take', 'main', 'emit'] as const;

// Groups a workflow body by take:/main:/emit:; a body without labels is all main.
export function buildWorkflow(
  name: string | undefined,
  items: readonly (Statement | Label)[],
  pos: Position,
  ctx: BuildContext,
): WorkflowDefinition {
  const take: { name: string; pos: Position }[] = [];
  const main: Statement[] = [];
  const emit: WorkflowEmit[] = [];
  let section: (typeof WORKFLOW_SECTIONS)[number] = 'main';
  for (const item of items) {
    if (item.kind === 'label') {
      const known = WORKFLOW_SECTIONS.find((s) => s === item.name);
      if (!known)
        throw errorAt(
          ctx,
          item.pos,
          `unknown section \`${item.name}:\` in workflow${name ? ` \`${name}\`` : ''}`,
          'a workflow has `take:`, `main:` and `emit:` sections',
        );
      if (known !== 'main' && name === undefined)
        throw errorAt(
          ctx,
          item.pos,
          `the entry workflow cannot have a \`${known}:\` section`,
          'give the workflow a name to use take:/emit:, and call it from the entry workflow',
        );
      section = known;
    } else if (section === 'main') main.push(item);
    else if (section === 'take') take.push(takeOf(item, ctx));
    else emit.push(emitOf(item, ctx));
  }
  return { kind: 'workflow', ...(name !== undefined ? { name } : {}), take, main, emit, pos };
}

// A `take:` entry: a bare name.
function takeOf(statement: Statement, ctx: BuildContext): { name: string; pos: Position } {
  if (statement.kind === 'expressionStatement' && statement.expression.kind === 'identifier')
    return { name: statement.expression.name, pos: statement.pos };
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
  throw errorAt(
    ctx,
    statement.pos,
    'an `emit:` entry must be `name = channel` or a channel expression',
    'e.g. `emit:\n    counts = QUANT.out`',
  );
}
