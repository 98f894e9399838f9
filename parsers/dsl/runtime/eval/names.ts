// The names an identifier may stand for: variables, the module's definitions, then the globals of the language.
import { secretsScope } from '../config/secrets.js';
import type { Position } from '../../syntax/ast-expressions.js';
import { classNamed, packageRoot } from '../groovy/classes.js';
import { emptyConfigObject } from '../groovy/config-object.js';
import { nextflowObject } from '../groovy/nextflow-object.js';
import { classObject } from '../groovy/user-class.js';
import type { EvalContext } from './context.js';
import { findScope } from './scope.js';
import { scriptError } from './script-error.js';

// Evaluates the names an identifier may stand for: variables, then definitions and globals.
export function lookup(ctx: EvalContext, name: string, pos: Position): unknown {
  const scope = findScope(ctx.scope, name);
  if (scope !== undefined) return scope.vars.get(name);
  const callable = ctx.module.callables.get(name);
  if (callable !== undefined) return callable;
  const type = ctx.module.types.get(name);
  if (type?.kind === 'enum') return new Map(type.constants.map((c) => [c, c]));
  const runtime = ctx.module.runtime;
  const userClass = type?.kind === 'class' ? type : runtime.classes?.get(name);
  if (userClass !== undefined) return classObject(ctx.module, userClass);
  switch (name) {
    case 'params':
      return runtime.params;
    case 'projectDir':
    case 'baseDir':
      return runtime.workflowMeta.get('projectDir');
    case 'launchDir':
      return runtime.workflowMeta.get('launchDir');
    case 'workDir':
      return runtime.workflowMeta.get('workDir');
    case 'moduleDir':
      return { kind: 'path', path: ctx.module.dir };
    case 'workflow':
      return runtime.workflowMeta;
    case 'secrets':
      if (ctx.module.configFile === true && !runtime.configUsedSecrets) {
        runtime.configUsedSecrets = true;
        runtime.console.record?.(
          'DEBUG',
          'main',
          'nextflow.config.ConfigBuilder',
          'Config file used secrets -- reloading config with secrets provider',
        );
      }
      return secretsScope();
    case 'Channel':
    case 'channel':
    case 'log':
    case 'Math':
    case 'System':
    case 'Integer':
    case 'Double':
    case 'Long':
    case 'String':
    case 'Number':
    case 'Boolean':
      return { kind: 'global', name: name === 'channel' ? 'Channel' : name };
    case 'nextflow':
      return nextflowObject();
    case 'args':
      return [...runtime.scriptArgs];
    default: {
      const imported = ctx.module.imports?.get(name);
      if (imported !== undefined) return classNamed(imported);
      const root = packageRoot(name);
      if (root !== undefined) return root;
      if (ctx.module.configFile === true) return emptyConfigObject();
      throw scriptError(ctx, pos, `unknown name \`${name}\``, 'define it before use, or check its spelling');
    }
  }
}
