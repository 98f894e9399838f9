// `shell:` sections: `!{expr}` placeholders are filled from task variables; `$VAR` stays for Bash.
import type { Position } from '../../syntax/ast-expressions.js';
import type { EvalContext } from '../eval/context.js';
import { getProperty } from '../values/members.js';
import { findScope } from '../eval/scope.js';
import { show } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

// Replaces every `!{name}` / `!{name.prop}` with its value in the task scope.
export function shellInterpolate(ctx: EvalContext, text: string, pos: Position): string {
  return text.replace(/!\{([^}]*)\}/g, (_m, expr: string) => {
    const [head, ...props] = expr.trim().split('.');
    if (head === undefined || !/^[A-Za-z_]\w*$/.test(head))
      throw scriptError(
        ctx,
        pos,
        `\`!{${expr}}\` in a shell: section is not supported`,
        'use `!{name}` or `!{name.property}`',
      );
    const scope = findScope(ctx.scope, head);
    if (scope === undefined) throw scriptError(ctx, pos, `unknown name \`${head}\` in \`!{${expr}}\``);
    let value = scope.vars.get(head);
    for (const prop of props) value = getProperty(ctx, value, prop, pos);
    return show(value);
  });
}
