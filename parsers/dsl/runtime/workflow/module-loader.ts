// Loading `.nf` files: definitions, includes (relative to the including file, `.nf` added) and top-level statements.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readDocumentSync } from '../../../common/read-file.js';
import { parseDsl } from '../../syntax/index.js';
import type {
  EnumDefinition,
  IncludeDeclaration,
  OutputBlock,
  ParamsBlock,
  ProcessDefinition,
  RecordDefinition,
  WorkflowDefinition,
} from '../../syntax/ast-script.js';
import type { Statement } from '../../syntax/ast-statements.js';
import { declareParams } from './params-block.js';
import type { ParamsMap } from './params.js';
import { type DslModule, type DslRuntime, type EvalContext, execute } from '../eval/context.js';
import { leaveBody } from '../eval/closures.js';
import { DslScriptError } from '../eval/errors.js';
import type { Pipeline } from './pipeline.js';
import { createProcessCallable } from '../process/call.js';
import { childScope } from '../eval/scope.js';
import { createWorkflowCallable } from './call.js';
import { pluginFunctions, type PluginFunction } from '../nf-schema/plugin.js';

// A loaded file: its module, its definitions by name, and its entry workflow.
export interface LoadedModule {
  readonly module: DslModule;
  readonly definitions: ReadonlyMap<string, ProcessDefinition | WorkflowDefinition>;
  readonly entry?: WorkflowDefinition | undefined;
  readonly output?: OutputBlock | undefined; // the `output { }` block (workflow outputs)
}

// Loads `file` and, recursively, what it includes; `cache` shares modules included more than once.
export function loadModule(
  file: string,
  runtime: DslRuntime,
  pipeline: Pipeline,
  cache: Map<string, LoadedModule>,
): LoadedModule {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const ast = parseDsl(readDocumentSync(file, 'DSL script'), file);
  const module: DslModule = {
    file,
    dir: dirname(file),
    callables: new Map(),
    functions: new Map(),
    types: new Map(),
    runtime,
    imports: new Map(),
    globals: childScope(undefined),
  };
  const definitions = new Map<string, ProcessDefinition | WorkflowDefinition>();
  let entry: WorkflowDefinition | undefined;
  let output: OutputBlock | undefined;
  const statements: (Statement | ParamsBlock)[] = [];
  const loaded: LoadedModule = {
    module,
    definitions,
    get entry() {
      return entry;
    },
    get output() {
      return output;
    },
  };
  cache.set(file, loaded);
  for (const item of ast.body) {
    switch (item.kind) {
      case 'process':
        definitions.set(item.name, item);
        module.callables.set(item.name, createProcessCallable(item, item.name, module, pipeline));
        break;
      case 'workflow':
        if (item.name === undefined) entry = item;
        else {
          definitions.set(item.name, item);
          module.callables.set(item.name, createWorkflowCallable(item, item.name, module));
        }
        break;
      case 'function':
        module.functions.set(item.name, {
          name: item.name,
          params: item.params.map((p) => p.name),
          body: item.body,
          module,
        });
        break;
      case 'include': {
        const plugin = pluginFunctions(item.source);
        if (plugin !== undefined) {
          includePlugin(module, plugin, item);
          break;
        }
        const target = resolveInclude(file, item.source, item.pos);
        const included = loadModule(target, runtime, pipeline, cache);
        for (const name of item.items) {
          const def = included.definitions.get(name.name);
          const fn = included.module.functions.get(name.name);
          const as = name.alias ?? name.name;
          if (def?.kind === 'process')
            module.callables.set(as, createProcessCallable(def, as, included.module, pipeline));
          else if (def?.kind === 'workflow') module.callables.set(as, createWorkflowCallable(def, as, included.module));
          else if (fn !== undefined) module.functions.set(as, fn);
          else if (included.module.types.has(name.name))
            module.types.set(as, included.module.types.get(name.name) as RecordDefinition | EnumDefinition);
          else
            throw new DslScriptError(`\`${name.name}\` is not defined in \`${item.source}\``, {
              location: { file, line: name.pos.line, column: name.pos.column },
              hint: `defined there: ${[...included.definitions.keys(), ...included.module.functions.keys()].join(', ') || 'nothing'}`,
            });
        }
        break;
      }
      case 'output':
        output = item;
        break;
      case 'record':
      case 'enum':
      case 'class':
        module.types.set(item.name, item);
        break;
      default:
        statements.push(item);
    }
  }
  const ctx: EvalContext = { module, scope: module.globals ?? childScope(undefined) };
  try {
    for (const item of statements) {
      if (item.kind !== 'params') execute(ctx, [item]);
      else declareParams(ctx, item, runtime.params as ParamsMap, pipeline.config.declaredParams);
    }
  } catch (signal) {
    leaveBody(ctx, statements[0]?.pos, signal); // a `return` at the top level ends the script, as in Groovy
  }
  return loaded;
}

// Binds the functions an include names from a plugin pipe builds in.
function includePlugin(
  module: DslModule,
  plugin: Readonly<Record<string, PluginFunction>>,
  item: IncludeDeclaration,
): void {
  for (const name of item.items) {
    const native = Object.hasOwn(plugin, name.name) ? plugin[name.name] : undefined;
    if (native === undefined)
      throw new DslScriptError(`\`${name.name}\` is not a function of \`${item.source}\` that pipe builds in`, {
        location: { file: module.file, line: name.pos.line, column: name.pos.column },
        hint: `pipe builds in: ${Object.keys(plugin).join(', ')}`,
      });
    module.functions.set(name.alias ?? name.name, { name: name.name, params: [], body: [], module, native });
  }
}

// The file an include names: relative to the including file, `.nf` added, or a directory's main.nf.
function resolveInclude(from: string, source: string, pos: { line: number; column: number }): string {
  if (!source.startsWith('./') && !source.startsWith('../') && !source.startsWith('/')) {
    throw new DslScriptError(`include from \`${source}\` is not supported`, {
      location: { file: from, line: pos.line, column: pos.column },
      hint: 'include modules by a path starting with ./ or ../ (of plugins, pipe builds in plugin/nf-schema and plugin/nf-validation)',
    });
  }
  const base = resolve(dirname(from), source);
  for (const candidate of [base.endsWith('.nf') ? base : `${base}.nf`, resolve(base, 'main.nf'), base]) {
    if (existsSync(candidate) && candidate.endsWith('.nf')) return candidate;
  }
  throw new DslScriptError(`cannot find the module \`${source}\``, {
    location: { file: from, line: pos.line, column: pos.column },
    hint: `looked for ${base}.nf and ${base}/main.nf`,
  });
}
