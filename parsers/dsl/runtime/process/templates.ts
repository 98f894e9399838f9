// `template 'file'` in a script: or shell: section, and the placeholders filled in task scripts: `$name`, `$a.b`,
// `${expr}` (script templates) and `!{expr}` (shell sections and shell templates), each evaluated in the task scope.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Position } from '../../syntax/ast-expressions.js';
import { parseDsl } from '../../syntax/parse-dsl.js';
import { type EvalContext, evaluate } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import { show } from '../values/values.js';

// A template read from its file, to be filled once the section is known.
export interface TemplateText {
  readonly kind: 'template';
  readonly text: string;
  readonly file: string;
}

// Whether a value is a template.
export function isTemplate(value: unknown): value is TemplateText {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'template';
}

// `template 'name'`: the file under the module's templates/ (then the project's), or an absolute path.
export function templateFunction(ctx: EvalContext, name: unknown, pos: Position): TemplateText {
  const given = show(name);
  const runtime = ctx.module.runtime;
  const candidates = isAbsolute(given)
    ? [given]
    : [join(ctx.module.dir, 'templates', given), join(runtime.projectDir, 'templates', given)];
  const file = candidates.find((path) => existsSync(path));
  if (file === undefined)
    throw scriptError(ctx, pos, `template \`${given}\` not found`, `looked in ${candidates.join(' and ')}`);
  return { kind: 'template', text: readFileSync(file, 'utf8'), file };
}

// The value of one placeholder expression, in the task scope.
export function evaluateText(ctx: EvalContext, expression: string, pos: Position): unknown {
  const statement = parseDsl(expression, ctx.module.file).body[0];
  if (statement?.kind !== 'expressionStatement')
    throw scriptError(ctx, pos, `\`${expression}\` in a task script is not an expression`);
  return evaluate(ctx, statement.expression);
}

// The end of a `{…}` placeholder starting at `open` (nested braces counted), or -1.
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

// Fills `${expr}`, `$name` and `$a.b` (a `\$` stays a `$`), as a script template is rendered.
export function fillDollar(ctx: EvalContext, text: string, pos: Position): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && text[i + 1] === '$') {
      out += '$';
      i++;
    } else if (c === '$' && text[i + 1] === '{') {
      const end = closing(text, i + 1);
      if (end < 0) throw scriptError(ctx, pos, 'unclosed `${` in a template');
      out += show(evaluateText(ctx, text.slice(i + 2, end), pos));
      i = end;
    } else if (c === '$' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      const path = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/.exec(text.slice(i + 1))?.[0] ?? '';
      out += show(evaluateText(ctx, path, pos));
      i += path.length;
    } else out += c;
  }
  return out;
}

// Fills every `!{expr}` (shell sections and shell templates); `$VAR` stays for Bash.
export function fillBang(ctx: EvalContext, text: string, pos: Position): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '!' && text[i + 1] === '{') {
      const end = closing(text, i + 1);
      if (end < 0) throw scriptError(ctx, pos, 'unclosed `!{` in a shell script');
      out += show(evaluateText(ctx, text.slice(i + 2, end), pos));
      i = end;
    } else out += text[i];
  }
  return out;
}
