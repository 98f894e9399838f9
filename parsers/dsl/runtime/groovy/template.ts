// groovy.text.SimpleTemplateEngine and GStringTemplateEngine: `$name`, `${expr}`, `<%= expr %>` and `<% code %>` in
// a text, rendered with a binding map. The template becomes a small script the DSL's own parser and evaluator run.
import type { Position } from '../../syntax/ast-expressions.js';
import type { Statement } from '../../syntax/ast-statements.js';
import { parseDsl } from '../../syntax/index.js';
import type { EvalContext } from '../eval/context.js';
import { runBody } from '../eval/context.js';
import { childScope } from '../eval/scope.js';
import { isPath, show } from '../values/values.js';
import { isHostObject, type HostObject } from './host-object.js';
import { textOf } from './java-file.js';

// A template engine (`new groovy.text.SimpleTemplateEngine()`).
export function templateEngine(type: string): HostObject {
  return {
    kind: 'object',
    type,
    methods: {
      createTemplate: (args, ctx) => {
        const source = args[0];
        const file = isPath(source) ? source.path : isHostObject(source) ? show(source) : `${ctx.module.file}#template`;
        return templateObject(parseTemplate(textOf(source), file));
      },
    },
    show: () => type,
  };
}

// A parsed template: make(binding) renders it.
function templateObject(body: readonly Statement[]): HostObject {
  return {
    kind: 'object',
    type: 'groovy.text.Template',
    methods: {
      make: (args, ctx) => {
        const binding = args[0] instanceof Map ? args[0] : new Map<unknown, unknown>();
        return writable(render(ctx, body, binding));
      },
    },
    show: () => 'groovy.text.Template',
  };
}

// The text a template made: prints as itself.
function writable(text: string): HostObject {
  return { kind: 'object', type: 'groovy.lang.Writable', value: text, methods: {}, show: () => text };
}

// Runs a template's script with the binding's entries as variables and `out` collecting the text.
function render(ctx: EvalContext, body: readonly Statement[], binding: Map<unknown, unknown>): string {
  const chunks: string[] = [];
  const out: HostObject = {
    kind: 'object',
    type: 'java.io.Writer',
    methods: {
      leftShift: (args) => {
        chunks.push(show(args[0]));
        return out;
      },
      print: (args) => {
        chunks.push(show(args[0]));
        return null;
      },
      println: (args) => {
        chunks.push(`${show(args[0] ?? '')}\n`);
        return null;
      },
    },
    show: () => chunks.join(''),
  };
  const vars: [string, unknown][] = [...binding].map(([k, v]) => [show(k), v]);
  const scope = childScope(undefined, [...vars, ['out', out], ['__template_out', out]]);
  runBody({ module: ctx.module, scope }, body);
  return chunks.join('');
}

// Turns template text into statements: each text run a GString written to `out`, `<%= e %>` its value, `<% s %>`
// its statements. Line breaks stay where they were, so errors point at the template's own lines.
export function parseTemplate(text: string, file: string): readonly Statement[] {
  let script = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('<%', i);
    const end = open < 0 ? text.length : open;
    if (end > i) script += `__template_out << """${escapeText(text.slice(i, end))}""";`;
    if (open < 0) break;
    const close = text.indexOf('%>', open + 2);
    const inner = text.slice(open + 2, close < 0 ? text.length : close);
    script += inner.startsWith('=') ? `__template_out << (${inner.slice(1)});` : `${inner};`;
    i = close < 0 ? text.length : close + 2;
  }
  return parseDsl(script, file).body.filter((item): item is Statement => isStatement(item));
}

// Text of a template as the body of a `"""…"""` GString: quotes and backslashes escaped, `\$` kept as an escape.
function escapeText(text: string): string {
  return text.replace(/\\(?!\$)/g, '\\\\').replace(/"/g, '\\"');
}

const NOT_STATEMENTS: ReadonlySet<string> = new Set(['process', 'workflow', 'function', 'include']);

function isStatement(item: { kind: string; pos?: Position }): boolean {
  return !NOT_STATEMENTS.has(item.kind);
}
