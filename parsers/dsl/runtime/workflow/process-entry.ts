// A process as the entry point, as Nextflow's process entry: a script whose only definition is one process (and no
// entry workflow) runs it, and `-entry process:NAME` (or `-entry NAME` naming a process) runs the one named. Each
// input takes the param of its name (`--sample S1 --reads data/a.fq`); a text param that looks like a path (it
// starts with `/` or holds a `.`) becomes a file.
import { UsageError } from '../../../../engine/errors.js';
import type { IoDeclaration, ProcessDefinition } from '../../syntax/ast-script.js';
import { locate, type DslModule, type EvalContext } from '../eval/context.js';
import { childScope } from '../eval/scope.js';
import { fileFunction } from '../stdlib/files.js';

// The name an input declaration binds (`val x`, `path 'a.txt'` has none to map a param to).
function inputName(decl: IoDeclaration): string | undefined {
  if (decl.target?.kind === 'identifier') return decl.target.name;
  const [part] = decl.components; // `each path(x)`
  if (decl.components.length === 1 && part !== undefined) return inputName(part);
  return undefined;
}

// The value of one input from the params: a path-like text param is a file.
function paramValue(ctx: EvalContext, def: ProcessDefinition, decl: IoDeclaration): unknown {
  const name = inputName(decl);
  if (name === undefined) {
    throw new UsageError(`process \`${def.name}\` has an input with no name to take from a param`, {
      location: locate(ctx.module, decl.pos),
      hint: 'give each input a name (`val x`, `path x`), or call the process from a workflow',
    });
  }
  const value = ctx.module.runtime.params.get(name);
  if (value === null || value === undefined) {
    throw new UsageError(`Missing required parameter: --${name}`, {
      location: locate(ctx.module, decl.pos),
      hint: `process \`${def.name}\` runs as the entry point: give each of its inputs as \`--name value\``,
    });
  }
  if (typeof value === 'string' && (value.startsWith('/') || value.includes('.'))) {
    return fileFunction(ctx, value, new Map(), decl.pos);
  }
  return value;
}

// The arguments of a process run as the entry point, one per input (a tuple's components in a list).
function entryArguments(ctx: EvalContext, def: ProcessDefinition): unknown[] {
  return def.inputs.map((decl) =>
    decl.qualifier === 'tuple' ? decl.components.map((part) => paramValue(ctx, def, part)) : paramValue(ctx, def, decl),
  );
}

// Calls `def` (a process of `module`) with its inputs from the params.
export function runProcessEntry(def: ProcessDefinition, module: DslModule): void {
  const ctx: EvalContext = { module, scope: childScope(undefined) };
  const callable = module.callables.get(def.name);
  if (callable === undefined) throw new Error(`process ${def.name} has no callable`);
  callable.invoke(entryArguments(ctx, def), locate(module, def.pos));
}
