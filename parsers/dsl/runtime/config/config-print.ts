// `pipe config` (Nextflow's `nextflow config`): a pipeline's configuration as Nextflow prints it, each scope a block
// indented by three spaces, values as Groovy literals, a blank line before each top-level block; with all profiles
// (`-a`), the settings outside profiles, then a `profiles { }` block holding each profile's own settings.
import { readFileSync } from 'node:fs';
import type { Expression } from '../../syntax/ast-expressions.js';
import { createTopics } from '../channels/topic.js';
import type { DslModule, DslRuntime } from '../eval/context.js';
import { evaluator } from '../eval/evaluator.js';
import { isClosure, show } from '../values/values.js';
import { entryValue, loadConfig, type ConfigEntry, type DslConfig } from './config.js';

type Tree = Map<string, string | Tree>;

// A value as a Groovy literal.
function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value instanceof Map)
    return value.size === 0 ? '[:]' : `[${[...value].map(([k, v]) => `${show(k)}:${literal(v)}`).join(', ')}]`;
  return literal(show(value));
}

// A closure's source text, from its `{` to the brace that closes it.
function closureSource(file: string, expr: Expression): string {
  const text = readFileSync(file, 'utf8');
  let depth = 0;
  for (let i = expr.pos.offset; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(expr.pos.offset, i + 1);
  }
  return '{ … }';
}

// Sets `path` in the tree, keeping the place of a name set before.
function put(tree: Tree, path: readonly string[], text: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    tree.set(head, text);
    return;
  }
  let sub = tree.get(head);
  if (!(sub instanceof Map)) tree.set(head, (sub = new Map()));
  put(sub, rest, text);
}

// The lines of a tree at an indent.
function render(tree: Tree, depth: number): string[] {
  const pad = '   '.repeat(depth);
  const lines: string[] = [];
  for (const [name, value] of tree) {
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
    if (typeof value === 'string') lines.push(`${pad}${key} = ${value}`);
    else {
      if (depth === 0 && lines.length > 0) lines.push('');
      lines.push(`${pad}${key} {`, ...render(value, depth + 1), `${pad}}`);
    }
  }
  return lines;
}

// The text of one entry's value.
function entryText(config: DslConfig, entry: ConfigEntry): string {
  if (entry.value.kind === 'closure') return closureSource(entry.ctx.module.file, entry.value);
  const value = entryValue(config, entry);
  return isClosure(value) ? closureSource(entry.ctx.module.file, entry.value) : literal(value);
}

// The configuration of `files` with `profiles` applied, or with every profile shown apart (`all`).
export function printConfig(
  files: readonly string[],
  profiles: readonly string[],
  all: boolean,
  launchDir: string,
): string {
  const runtime: DslRuntime = {
    launchDir,
    projectDir: launchDir,
    params: new Map(),
    workflowMeta: new Map(),
    scriptArgs: [],
    onComplete: [],
    onError: [],
    settings: new Map(),
    callPath: [],
    stats: { succeeded: 0, failed: 0, ignored: 0, cached: 0 },
    evaluator,
    topics: createTopics(),
    console: { out: () => undefined, log: () => undefined },
    fail: (error: Error) => {
      throw error;
    },
  };
  const module = (file: string): DslModule => ({
    file,
    dir: launchDir,
    callables: new Map(),
    functions: new Map(),
    types: new Map(),
    runtime,
  });
  const shown = all ? [...loadConfig(files, [], module(files[0] ?? launchDir)).profiles] : profiles;
  const config = loadConfig(files, shown, module(files[0] ?? launchDir));
  const tree: Tree = new Map();
  for (const entry of config.trail) {
    const path = all && entry.profile !== undefined ? ['profiles', entry.profile, ...entry.path] : entry.path;
    put(tree, path, entryText(config, entry));
  }
  const lines = render(tree, 0);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
