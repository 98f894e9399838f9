// The strict syntax's `stage:` section: `stageAs files, 'name'` stages files under a name (a `*`/`?` pattern for
// several), `env 'NAME', value` exports a variable, `stdin value` feeds the script's standard input.
import { basename } from 'node:path';
import type { Directive } from '../../syntax/ast-script.js';
import { type EvalContext, evaluate } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import { leavesFolder } from '../../../common/contained-path.js';
import { show } from '../values/values.js';
import type { BoundInputs } from './inputs.js';
import { filesOf, stageNames } from './staging.js';

// Applies the section's directives to a task's bound inputs, in the task scope.
export function applyStageSection(ctx: EvalContext, directives: readonly Directive[], into: BoundInputs): void {
  for (const directive of directives) {
    const args = directive.args.map((arg) => evaluate(ctx, arg));
    switch (directive.name) {
      case 'stageAs': {
        const files = filesOf(args[0]);
        const names = stageNames(files, args[1] === undefined ? undefined : show(args[1]));
        const outside = names.find(leavesFolder);
        if (outside !== undefined)
          throw scriptError(ctx, directive.pos, `stage name \`${outside}\` points outside the task's work dir`);
        // a file staged here is staged under this name only (not also under its own, as a typed input would)
        const sources = new Set(files.map((file) => file.path));
        const kept = into.files.filter((f) => !(sources.has(f.source) && f.name === basename(f.source)));
        into.files.splice(0, into.files.length, ...kept);
        files.forEach((file, i) => into.files.push({ source: file.path, name: names[i] as string }));
        break;
      }
      case 'env':
        into.env.push([show(args[0]), show(args[1])]);
        into.keys.push(`env:${show(args[0])}=${show(args[1])}`);
        break;
      case 'stdin':
        into.stdin = show(args[0]);
        into.keys.push(`stdin:${show(args[0])}`);
        break;
      default:
        throw scriptError(
          ctx,
          directive.pos,
          `unknown \`stage:\` directive \`${directive.name}\``,
          'the stage: section takes `stageAs files, name`, `env NAME, value` and `stdin value`',
        );
    }
  }
}
