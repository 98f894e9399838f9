// `Channel.watchPath(pattern, events)`: a queue channel that stays open and emits each file matching the pattern as
// it is created, modified or deleted (`events`: 'create' by default, or a comma-separated list of create, modify,
// delete). It never ends by itself: `until` ends what reads it, or Ctrl-C the run. A directory that does not exist
// is warned about and the channel closes at once, as Nextflow does.
// https://www.nextflow.io/docs/latest/reference/channel.html#watchpath
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import type { Position } from '../../syntax/ast-expressions.js';
import type { EvalContext } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import { absolutePath } from '../stdlib/files.js';
import { globToRegExp, isGlob, splitGlob, unescapeGlob } from '../stdlib/glob.js';
import { pathValue, show } from '../values/values.js';
import { createChannel, type DslChannel } from './channel.js';

type WatchEvent = 'create' | 'modify' | 'delete';
const EVENTS: readonly WatchEvent[] = ['create', 'modify', 'delete'];

// The events a `watchPath` call asks for.
function watchEvents(ctx: EvalContext, value: unknown, pos: Position): Set<WatchEvent> {
  const names = (value === undefined || value === null ? 'create' : show(value)).split(',').map((e) => e.trim());
  for (const name of names) {
    if (!(EVENTS as readonly string[]).includes(name))
      throw scriptError(ctx, pos, `\`watchPath\` cannot watch the event \`${name}\``, 'events: create, modify, delete');
  }
  return new Set(names as WatchEvent[]);
}

// What happened to `file` for an fs.watch event: a rename makes or removes it, a change modifies it.
function eventOf(kind: string, file: string): WatchEvent {
  if (kind === 'change') return 'modify';
  return existsSync(file) ? 'create' : 'delete';
}

// Creates the channel and starts watching; the watcher does not keep pipe alive once the run is over.
export function watchPath(ctx: EvalContext, pattern: unknown, events: unknown, pos: Position): DslChannel {
  const wanted = watchEvents(ctx, events, pos);
  const full = absolutePath(ctx, pattern);
  const { base, rest } = isGlob(full) ? splitGlob(full) : { base: join(full, '..'), rest: unescapeGlob(full) };
  const channel = createChannel(false);
  const isDir = existsSync(base) && statSync(base).isDirectory();
  if (!isDir) {
    const message = `Cannot watch a non-existent directory: ${base} -- Make sure that the path exists and is a directory`;
    ctx.module.runtime.console.log('warn', message);
    channel.close();
    return channel;
  }
  const matcher = globToRegExp(isGlob(full) ? rest : relative(base, rest));
  const deep = rest.includes('/') || rest.includes('**');
  let watcher: FSWatcher;
  try {
    watcher = watch(base, { recursive: deep, persistent: true });
  } catch (error) {
    throw scriptError(ctx, pos, `cannot watch \`${base}\`: ${(error as Error).message}`, 'check the path');
  }
  watcher.unref(); // Ctrl-C or the end of the run stops pipe, not the watcher
  watcher.on('change', (kind, name) => {
    const rel = String(name);
    if (rel.split('/').some((part) => part.startsWith('.')) || !matcher.test(rel)) return;
    const file = join(base, rel);
    if (wanted.has(eventOf(kind, file))) channel.emit(pathValue(file));
  });
  watcher.on('error', (error) => ctx.module.runtime.fail(error));
  return channel;
}
