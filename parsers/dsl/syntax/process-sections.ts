// A process body's labelled sections (directives, input:, output:, when:, script:, …) into a ProcessDefinition.
import type { Expression, Position } from './ast-expressions.js';
import type { Statement } from './ast-statements.js';
import type { Directive, IoDeclaration, IoQualifier, ProcessBody, ProcessDefinition } from './ast-script.js';
import { IO_QUALIFIERS } from './ast-script.js';
import { errorAt } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { Label } from './statement-visitor.js';
import { dsl1Clause } from './unsupported.js';
import { typedInput, typedOutput } from './typed-declarations.js';

// Whether a name is a legacy input or output qualifier (`val`, `path`, `file`, …).
const isQualifier = (name: string): boolean => (IO_QUALIFIERS as readonly string[]).includes(name);

const SECTIONS = ['input', 'stage', 'output', 'topic', 'when', 'script', 'shell', 'exec', 'stub'] as const;
type Section = (typeof SECTIONS)[number] | 'directives';
const CODE = ['script', 'shell', 'exec', 'stub'] as const;

// Groups the items of `process NAME { … }` by section.
export function buildProcess(
  name: string,
  items: readonly (Statement | Label)[],
  pos: Position,
  ctx: BuildContext,
): ProcessDefinition {
  const directives: Directive[] = [];
  const inputs: IoDeclaration[] = [];
  const outputs: IoDeclaration[] = [];
  const topics: IoDeclaration[] = [];
  const stage: Directive[] = [];
  const code: Partial<Record<'script' | 'shell' | 'exec' | 'stub', { statements: Statement[]; pos: Position }>> = {};
  const when: Expression[] = [];
  let section: Section = 'directives';
  const seen = new Set<Section>();
  const last = items.at(-1);
  for (const item of items) {
    if (item.kind === 'label') {
      section = sectionOf(item, name, ctx);
      if (seen.has(section))
        throw errorAt(
          ctx,
          item.pos,
          `section \`${section}:\` appears twice in process \`${name}\``,
          'merge the two sections into one',
        );
      seen.add(section);
      if (section === 'script' || section === 'shell' || section === 'exec' || section === 'stub')
        code[section] = { statements: [], pos: item.pos };
      continue;
    }
    // a bare string with no code section before it is the script: among the directives, or ending the process
    // after its last section (`output:` … then `""" cmd """`), as Nextflow's legacy syntax reads it
    const bareScript = (section === 'directives' || item === last) && isTemplate(item);
    if (bareScript && !CODE.some((s) => seen.has(s))) {
      section = 'script';
      seen.add(section);
      code.script = { statements: [], pos: item.pos };
    }
    if (section === 'directives') directives.push(directiveOf(item, ctx));
    else if (section === 'stage') stage.push(directiveOf(item, ctx));
    else if (section === 'input') inputs.push(typedInput(item, ctx) ?? declarationOf(item, section, ctx));
    else if (section === 'output' || section === 'topic')
      (section === 'output' ? outputs : topics).push(
        typedOutput(item, section, isQualifier, ctx) ?? declarationOf(item, 'output', ctx),
      );
    else if (section === 'when') when.push(whenOf(item, ctx));
    else code[section]?.statements.push(item);
  }
  const bodies = (['script', 'shell', 'exec'] as const).filter((s) => code[s] !== undefined);
  if (bodies.length > 1)
    throw errorAt(
      ctx,
      pos,
      `process \`${name}\` has both \`${bodies[0]}:\` and \`${bodies[1]}:\``,
      'a process runs one of script:, shell: or exec:; keep one',
    );
  const main = bodies[0];
  if (main === undefined)
    throw errorAt(
      ctx,
      pos,
      `process \`${name}\` has no \`script:\`, \`shell:\` or \`exec:\` section`,
      'end the process with the command to run, e.g. `script:` followed by a string',
    );
  const bodyOf = (s: ProcessBody['section']): ProcessBody | undefined => {
    const found = code[s];
    return found && { section: s, statements: found.statements, pos: found.pos };
  };
  const body = main === undefined ? undefined : bodyOf(main);
  const stub = bodyOf('stub');
  if (when.length > 1)
    throw errorAt(
      ctx,
      when[1]?.pos ?? pos,
      'the `when:` section holds more than one expression',
      'combine the conditions with `&&`',
    );
  const typed =
    stage.length > 0 ||
    topics.length > 0 ||
    [...inputs, ...outputs].some(
      (d) =>
        d.type !== undefined ||
        d.qualifier === 'record' ||
        d.qualifier === 'expression' ||
        d.components.some((c) => c.type !== undefined),
    );
  return {
    kind: 'process',
    name,
    directives,
    inputs,
    outputs: [...outputs, ...topics],
    ...(stage.length > 0 ? { stage } : {}),
    ...(typed ? { typed } : {}),
    ...(when[0] ? { when: when[0] } : {}),
    ...(body ? { body } : {}),
    ...(stub ? { stub } : {}),
    pos,
  };
}

// The section a label opens.
function sectionOf(label: Label, process: string, ctx: BuildContext): Section {
  const known = SECTIONS.find((s) => s === label.name);
  if (known) return known;
  throw errorAt(
    ctx,
    label.pos,
    `unknown section \`${label.name}:\` in process \`${process}\``,
    `a process has ${SECTIONS.map((s) => `\`${s}:\``).join(', ')} sections`,
  );
}

// Whether a statement is a bare string: a process script written without `script:`.
function isTemplate(statement: Statement): boolean {
  return (
    statement.kind === 'expressionStatement' &&
    (statement.expression.kind === 'string' || statement.expression.kind === 'gstring')
  );
}

// A directive from `name args`, `name(args)`, `name { closure }` or a bare `name`.
function directiveOf(statement: Statement, ctx: BuildContext): Directive {
  if (statement.kind === 'expressionStatement') {
    const e = statement.expression;
    if (e.kind === 'identifier') return { name: e.name, args: [], namedArgs: [], pos: e.pos };
    if (e.kind === 'call' && e.callee.kind === 'identifier')
      return { name: e.callee.name, args: e.args, namedArgs: e.namedArgs, pos: e.pos };
  }
  throw errorAt(
    ctx,
    statement.pos,
    'expected a process directive such as `cpus 2` or a section label such as `input:`',
    "directives are a name and its value: `memory '2 GB'`, `tag \"$id\"`, `publishDir params.outdir, mode: 'copy'`",
  );
}

// The expression of a `when:` section.
function whenOf(statement: Statement, ctx: BuildContext): Expression {
  if (statement.kind === 'expressionStatement') return statement.expression;
  throw errorAt(
    ctx,
    statement.pos,
    'the `when:` section takes a condition, not a statement',
    'write a boolean expression such as `params.run_qc`',
  );
}

// An input or output declaration from its statement.
function declarationOf(statement: Statement, section: 'input' | 'output', ctx: BuildContext): IoDeclaration {
  if (statement.kind !== 'expressionStatement') {
    throw errorAt(
      ctx,
      statement.pos,
      `expected an ${section} declaration such as \`val x\` or \`path 'x.txt'\``,
      `${section} declarations start with a qualifier: ${IO_QUALIFIERS.join(', ')}`,
    );
  }
  return declarationFrom(statement.expression, section, ctx);
}

// An input or output declaration from the call expression that spells it.
function declarationFrom(expression: Expression, section: 'input' | 'output', ctx: BuildContext): IoDeclaration {
  if (expression.kind === 'methodCall' && (expression.name === 'from' || expression.name === 'into'))
    throw dsl1Clause(expression.name, expression, ctx);
  if (expression.kind === 'identifier' && (expression.name === 'stdin' || expression.name === 'stdout')) {
    return { qualifier: expression.name, components: [], options: [], pos: expression.pos };
  }
  if (expression.kind !== 'call' || expression.callee.kind !== 'identifier') {
    throw errorAt(
      ctx,
      expression.pos,
      `expected an ${section} declaration such as \`val x\` or \`path 'x.txt'\``,
      `${section} declarations start with a qualifier: ${IO_QUALIFIERS.join(', ')}`,
    );
  }
  const name = expression.callee.name;
  const qualifier = IO_QUALIFIERS.find((q) => q === name);
  if (qualifier === undefined) {
    const hint = name === 'set' ? 'DSL1 `set` is `tuple` in DSL2' : `use one of ${IO_QUALIFIERS.join(', ')}`;
    throw errorAt(ctx, expression.pos, `unknown ${section} qualifier \`${name}\``, hint);
  }
  const base = { qualifier, options: expression.namedArgs, pos: expression.pos };
  if (qualifier === 'tuple')
    return { ...base, components: expression.args.map((a) => declarationFrom(a, section, ctx)) };
  if (expression.args.length > 1) {
    throw errorAt(
      ctx,
      expression.args[1]?.pos ?? expression.pos,
      `\`${qualifier}\` takes one name or pattern`,
      `write \`tuple ${qualifier}(a), ${qualifier}(b)\` to declare several values together`,
    );
  }
  const target = expression.args[0];
  if (qualifier === 'each' && target?.kind === 'call')
    return { ...base, components: [declarationFrom(target, section, ctx)] };
  if (target === undefined && qualifier !== 'stdout' && qualifier !== 'stdin') {
    throw errorAt(ctx, expression.pos, `\`${qualifier}\` needs a name or pattern`, `e.g. \`${qualifier} x\``);
  }
  return { ...base, components: [], ...(target ? { target } : {}) } as IoDeclaration & { qualifier: IoQualifier };
}
