// A workflow body's labelled sections (take:, main:, emit:) into a WorkflowDefinition.
import type { Expression, Position } from './ast-expressions.js';
import type { Statement } from './ast-statements.js';
import type { WorkflowDefinition, WorkflowEmit } from './ast-script.js';
import { errorAt } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { Label } from './statement-visitor.js';

const WORKFLOW_SECTIONS = ['take', 'main', 'emit', 'publish', 'onComplete', 'onError'] as const;
const ENTRY_ONLY: ReadonlySet<string> = new Set(['publish', 'onComplete', 'onError']);

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
  const publish: WorkflowEmit[] = [];
  const handlers: { onComplete?: Statement[]; onError?: Statement[] } = {};
  let section: (typeof WORKFLOW_SECTIONS)[number] = 'main';
  for (const item of items) {
    if (item.kind === 'label') {
      const known = WORKFLOW_SECTIONS.find((s) => s === item.name);
      if (!known)
        throw errorAt(
          ctx,
          item.pos,
          `unknown section \`${item.name}:\` in workflow${name ? ` \`${name}\`` : ''}`,
          'a workflow has `take:`, `main:` and `emit:` sections; the entry workflow `main:`, `publish:`, `onComplete:` and `onError:`',
        );
      if (ENTRY_ONLY.has(known) && name !== undefined)
        throw errorAt(
          ctx,
          item.pos,
          `only the entry workflow can have a \`${known}:\` section`,
          'move it to the unnamed `workflow { … }` block',
        );
      if ((known === 'take' || known === 'emit') && name === undefined)
        throw errorAt(
          ctx,
          item.pos,
          `the entry workflow cannot have a \`${known}:\` section`,
          'give the workflow a name to use take:/emit:, and call it from the entry workflow',
        );
      section = known;
      if (known === 'onComplete' || known === 'onError') handlers[known] = [];
    } else if (section === 'main') main.push(item);
    else if (section === 'take') take.push(takeOf(item, ctx));
    else if (section === 'emit') emit.push(emitOf(item, ctx));
    else if (section === 'publish') publish.push(emitOf(item, ctx, 'publish'));
    else handlers[section]?.push(item);
  }
  return {
    kind: 'workflow',
    ...(name !== undefined ? { name } : {}),
    take,
    main,
    emit,
    ...(publish.length > 0 ? { publish } : {}),
    ...handlers,
    pos,
  };
}

// A `take:` entry: a bare name, or a name and its type.
function takeOf(statement: Statement, ctx: BuildContext): { name: string; type?: string; pos: Position } {
  if (statement.kind === 'expressionStatement' && statement.expression.kind === 'identifier')
    return { name: statement.expression.name, pos: statement.pos };
  if (statement.kind === 'typedName' && statement.value === undefined)
    return { name: statement.name, type: statement.type, pos: statement.pos };
  throw errorAt(ctx, statement.pos, 'a `take:` entry must be a single name', 'list one input channel name per line');
}

// An `emit:` (or `publish:`) entry: `name = expression` or an expression.
function emitOf(statement: Statement, ctx: BuildContext, section: 'emit' | 'publish' = 'emit'): WorkflowEmit {
  if (statement.kind === 'assignment' && statement.operator === '=' && statement.target.kind === 'identifier') {
    return { name: statement.target.name, value: statement.value, pos: statement.pos };
  }
  if (statement.kind === 'typedName') {
    const value: Expression = statement.value ?? { kind: 'identifier', name: statement.name, pos: statement.pos };
    return { name: statement.name, value, pos: statement.pos };
  }
  if (statement.kind === 'expressionStatement') {
    const value: Expression = statement.expression;
    return { ...(value.kind === 'identifier' ? { name: value.name } : {}), value, pos: statement.pos };
  }
  throw errorAt(
    ctx,
    statement.pos,
    `an \`${section}:\` entry must be \`name = channel\`${section === 'emit' ? ' or a channel expression' : ''}`,
    `e.g. \`${section}:\n    counts = QUANT.out\``,
  );
}
