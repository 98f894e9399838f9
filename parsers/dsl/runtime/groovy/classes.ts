// The Java and Groovy classes scripts may name: `new X(…)`, `pkg.Class.method(…)`, `instanceof X`.
import type { Position } from '../../syntax/ast-expressions.js';
import type { EvalContext } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import { GDecimal, isChannel, isClosure, isPath, pathValue, show } from '../values/values.js';
import { dateObject } from './date.js';
import { nextflowObject } from './nextflow-object.js';
import { fileObject } from './java-file.js';
import { isHostObject, type HostObject } from './host-object.js';
import { jsonOutputClass, jsonSlurper } from './json.js';
import { templateEngine } from './template.js';
import { yamlObject } from './yaml.js';
import { instantiate } from './user-class.js';

type Constructor = (args: readonly unknown[], ctx: EvalContext) => unknown;

// Classes `new` can make, by fully qualified name; the simple names of java.lang, java.util, java.io and groovy.*
// classes (imported by default in Groovy) resolve to them too.
const CONSTRUCTORS: Readonly<Record<string, Constructor>> = {
  'java.util.Date': () => dateObject(),
  'java.io.File': (args, ctx) => fileObject(args, ctx.module.runtime.launchDir),
  'groovy.json.JsonSlurper': () => jsonSlurper(),
  'groovy.text.SimpleTemplateEngine': () => templateEngine('groovy.text.SimpleTemplateEngine'),
  'groovy.text.GStringTemplateEngine': () => templateEngine('groovy.text.GStringTemplateEngine'),
  'org.yaml.snakeyaml.Yaml': () => yamlObject(),
  'java.util.ArrayList': (args) => (Array.isArray(args[0]) ? [...args[0]] : []),
  'java.util.LinkedHashMap': (args) => new Map(args[0] instanceof Map ? args[0] : []),
  'java.util.HashMap': (args) => new Map(args[0] instanceof Map ? args[0] : []),
  'java.lang.String': (args) => (args.length === 0 ? '' : show(args[0])),
  'java.lang.Exception': (args) => new Map([['message', show(args[0] ?? null)]]),
  'java.lang.RuntimeException': (args) => new Map([['message', show(args[0] ?? null)]]),
  'org.codehaus.groovy.GroovyException': (args) => new Map([['message', show(args[0] ?? null)]]),
};

// Classes used by their static members, by fully qualified name.
const STATICS: Readonly<Record<string, HostObject>> = {
  'groovy.json.JsonOutput': jsonOutputClass,
};

const DEFAULT_PACKAGES = ['java.lang.', 'java.util.', 'java.io.', 'java.net.', 'groovy.lang.', 'groovy.util.'];

// The fully qualified name of a class written plainly or qualified, or undefined when pipe does not know it.
function qualified(name: string, table: Readonly<Record<string, unknown>>): string | undefined {
  if (Object.hasOwn(table, name)) return name;
  return DEFAULT_PACKAGES.map((p) => p + name).find((full) => Object.hasOwn(table, full));
}

// The classes pipe implements, fully qualified.
export function knownClasses(): string[] {
  return [...Object.keys(CONSTRUCTORS), ...Object.keys(STATICS), 'nextflow.extension.FilesEx'];
}

// A class by its fully qualified name, as an `import` binds it: the class object (its static members), or
// undefined when pipe does not implement it.
export function classNamed(full: string): HostObject | undefined {
  if (full.startsWith('nextflow.')) {
    let object: unknown = nextflowObject();
    for (const part of full.split('.').slice(1)) {
      const host = isHostObject(object) ? object : undefined;
      object = host?.properties?.[part]?.() ?? host?.member?.(part);
    }
    return isHostObject(object) ? object : undefined;
  }
  if (Object.hasOwn(STATICS, full)) return STATICS[full];
  return Object.hasOwn(CONSTRUCTORS, full) ? packageObject(full) : undefined;
}

// `new Type(args)`.
export function newInstance(ctx: EvalContext, type: string, args: readonly unknown[], pos: Position): unknown {
  const own = ctx.module.types.get(type);
  const userClass = own?.kind === 'class' ? own : ctx.module.runtime.classes?.get(type);
  if (userClass !== undefined) return instantiate(ctx, userClass, args, pos);
  const name = qualified(ctx.module.imports?.get(type) ?? type, CONSTRUCTORS);
  const make = name === undefined ? undefined : CONSTRUCTORS[name];
  if (make === undefined)
    throw scriptError(
      ctx,
      pos,
      `\`new ${type}(…)\` is not supported: pipe does not implement the class \`${type}\``,
      `classes pipe implements: ${Object.keys(CONSTRUCTORS).join(', ')}`,
    );
  return make(args, ctx);
}

// The root of a package name (`groovy`, `java`, `org`): reading `.json.JsonOutput` off it gives the class.
export function packageRoot(name: string): HostObject | undefined {
  const prefix = `${name}.`;
  const known = [...Object.keys(STATICS), ...Object.keys(CONSTRUCTORS)];
  return known.some((k) => k.startsWith(prefix)) ? packageObject(name) : undefined;
}

// A package or class reached by dotted names.
function packageObject(path: string): HostObject {
  return {
    kind: 'object',
    type: path,
    methods: {},
    member: (name) => {
      const full = `${path}.${name}`;
      return STATICS[full] ?? packageObject(full);
    },
    show: () => `package ${path}`,
  };
}

// `value instanceof Type` for the types scripts test: Path, File, Map, List, Collection, String, numbers, Boolean.
export function instanceOf(value: unknown, type: string): boolean {
  const simple = type.split('.').pop() ?? type;
  switch (simple) {
    case 'Path':
      return isPath(value);
    case 'Map':
    case 'LinkedHashMap':
    case 'HashMap':
      return value instanceof Map;
    case 'List':
    case 'ArrayList':
    case 'Collection':
    case 'Iterable':
      return Array.isArray(value);
    case 'String':
    case 'CharSequence':
    case 'GString':
      return typeof value === 'string';
    case 'Integer':
    case 'Long':
      return typeof value === 'number' && Number.isInteger(value);
    case 'Number':
      return typeof value === 'number' || value instanceof GDecimal;
    case 'Double':
    case 'Float':
    case 'BigDecimal':
      return value instanceof GDecimal || (typeof value === 'number' && !Number.isInteger(value));
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Closure':
      return isClosure(value);
    case 'DataflowVariable':
    case 'DataflowReadChannel':
    case 'DataflowWriteChannel':
    case 'DataflowQueue':
      return isChannel(value);
    case 'Object':
      return value !== null && value !== undefined;
    default:
      return isHostObject(value) && (value.type === type || value.type.endsWith(`.${simple}`));
  }
}

// `value as Path` / `as File`.
export function asPath(value: unknown): unknown {
  return isPath(value) ? value : pathValue(show(value));
}
