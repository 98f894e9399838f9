// The JavaScript a CWL expression runs as, following the spec and cwltool.
// https://www.commonwl.org/v1.2/CommandLineTool.html#Expressions_(Optional)

// Wraps a fragment (`(...)` or `{...}`, the text after `$`) as a strict-mode script calling an anonymous function:
// `$(expr)` returns the expression's value, `${body}` is the function's body.
export function expressionScript(fragment: string): string {
  const body = fragment.length > 1 && fragment.startsWith('{') ? fragment : `{return (${fragment});}`;
  return `"use strict";\n(function()${body})()`;
}

// The expressionLib entries as one strict-mode script, run before any expression in the same context.
export function libraryScript(expressionLib: readonly string[]): string {
  return `"use strict";\n${expressionLib.join('\n')}`;
}
