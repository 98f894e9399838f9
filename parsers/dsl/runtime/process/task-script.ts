// The script a task runs: the chosen section rendered in the task scope, with env, stdin and env-output lines.
import type { IoDeclaration, ProcessBody, ProcessDefinition } from '../../syntax/ast-script.js';
import type { CallExpression, Expression } from '../../syntax/ast-expressions.js';
import { type EvalContext, evaluate, runBody } from '../eval/context.js';
import { sha256 } from '../../../../engine/cache-key.js';
import type { BoundInputs } from './inputs.js';
import { fillBang, fillDollar, isTemplate } from './templates.js';
import { show } from '../values/values.js';
import { stripIndent } from '../stdlib/string-methods.js';
import { scriptError } from '../eval/script-error.js';

// The file a task writes its `env` outputs to, and the line that ends each value in it.
export const ENV_OUTPUT_FILE = '.command.env';
export const envEnd = (name: string): string => `/${name}/`;

// The section a task runs: the stub under -stub-run (when the process has one), else its script, shell or exec.
export function chosenSection(def: ProcessDefinition, stubRun: boolean): ProcessBody | undefined {
  return stubRun && def.stub !== undefined ? def.stub : def.body;
}

// What a task's script captures for its outputs when it ends: `env` variables by name, and the standard output
// of each `eval` command under a key made from the command.
export interface OutputCapture {
  readonly name: string;
  readonly command?: string;
}

// The key under which an `eval` command's output is captured.
export const evalKey = (command: string): string => `nxf_eval_${sha256(command).slice(0, 16)}`;

// The captures of a process's `env` and `eval` outputs, tuple components included, evaluated in the task scope.
export function outputCaptures(ctx: EvalContext, decls: readonly IoDeclaration[]): OutputCapture[] {
  return decls.flatMap((decl): OutputCapture[] => {
    if (decl.qualifier === 'tuple') return outputCaptures(ctx, decl.components);
    if (decl.target === undefined) return [];
    const target = decl.target;
    if (decl.qualifier === 'expression') return expressionCaptures(ctx, target);
    if (decl.qualifier === 'eval') {
      const command = show(evaluate(ctx, target));
      return [{ name: evalKey(command), command }];
    }
    if (decl.qualifier !== 'env') return [];
    return [{ name: target.kind === 'identifier' ? target.name : show(evaluate(ctx, target)) }];
  });
}

// The captures a typed output expression asks for: its `env('NAME')` and `eval('command')` calls, at any depth.
function expressionCaptures(ctx: EvalContext, expression: Expression): OutputCapture[] {
  const found: OutputCapture[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) visit(item);
    else if (typeof node === 'object' && node !== null) {
      const call = node as Partial<CallExpression>;
      if (call.kind === 'call' && call.callee?.kind === 'identifier' && call.args?.[0] !== undefined) {
        const argument = show(evaluate(ctx, call.args[0]));
        if (call.callee.name === 'env') found.push({ name: argument });
        if (call.callee.name === 'eval') found.push({ name: evalKey(argument), command: argument });
      }
      for (const value of Object.values(node)) visit(value);
    }
  };
  visit(expression);
  return found;
}

// The shell lines that record one capture in ENV_OUTPUT_FILE; a failing `eval` command fails the task.
function captureLines(capture: OutputCapture): string[] {
  const record = (value: string): string =>
    `printf '%s=%s\\n%s\\n' '${capture.name}' "${value}" '${envEnd(capture.name)}' >> ${ENV_OUTPUT_FILE}`;
  if (capture.command === undefined) return [record(`\${${capture.name}-}`)];
  return [
    `nxf_eval_out=$(${capture.command}\n)`,
    'nxf_eval_status=$?',
    `if [ "$nxf_eval_status" -ne 0 ]; then echo "eval output command failed with status $nxf_eval_status: ${capture.command.replace(/["$`\\]/g, '\\$&')}" >&2; exit "$nxf_eval_status"; fi`,
    record('$nxf_eval_out'),
  ];
}

// Renders `section` in the task scope and wraps it: exported env inputs, stdin, and env-output capture.
export function renderScript(
  ctx: EvalContext,
  section: ProcessBody | undefined,
  bound: BoundInputs,
  captures: readonly OutputCapture[],
): string {
  const value = section === undefined ? '' : runBody(ctx, section.statements);
  const shell = section?.section === 'shell';
  const pos = section?.pos ?? { line: 1, column: 1, offset: 0 };
  // As Nextflow, a script loses the indentation its lines share (heredoc terminators then start their line); a
  // shell template keeps `$VAR` for Bash and fills `!{…}`; a script template fills `$…` as a GString would
  const rendered = isTemplate(value)
    ? shell
      ? value.text
      : fillDollar(ctx, value.text, pos)
    : stripIndent(show(value));
  // then, as Nextflow's normalizeScript, it is trimmed: a shebang indented under a line that shares no indentation
  // (a `"\n"` escape in the text) still starts the script
  const filled = (shell ? fillBang(ctx, rendered, pos) : rendered).trim();
  const script = filled === '' ? '' : `${filled}\n`;
  const head: string[] = [];
  for (const [name, value] of bound.env) head.push(`export ${name}=${JSON.stringify(value)}`);
  const shebang = script.startsWith('#!') ? `${script.split('\n', 1)[0]}\n` : '';
  // the wrapper feeds .command.in to any interpreter; a shell script also reads it itself (a backend may source it)
  if (bound.stdin !== undefined && (shebang === '' || /\b(ba|z|k)?sh\b/.test(shebang))) head.push('exec < .command.in');
  if (captures.length > 0 && shebang !== '' && !/\b(ba|z|k)?sh\b/.test(shebang) && section !== undefined) {
    throw scriptError(
      ctx,
      section.pos,
      `\`env\` outputs need a shell script, but this one runs \`${shebang.trim()}\``,
      'write the variable to a file and declare a `path` output',
    );
  }
  const tail = captures.flatMap(captureLines);
  if (head.length === 0 && tail.length === 0) return script;
  const body = script.slice(shebang.length).replace(/\n?$/, '\n');
  return `${shebang}${head.map((line) => `${line}\n`).join('')}${body}${tail.map((line) => `${line}\n`).join('')}`;
}

// The values of `env` outputs a task wrote, by name.
export function parseEnvOutputs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([A-Za-z_]\w*)=(.*)$/.exec(lines[i] as string);
    if (match === null) continue;
    const name = match[1] as string;
    const value = [match[2] as string];
    let j = i + 1;
    while (j < lines.length && lines[j] !== envEnd(name)) value.push(lines[j++] as string);
    out.set(name, value.join('\n'));
    i = j;
  }
  return out;
}
