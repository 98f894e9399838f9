// The channel factories: Channel.of, value, fromList, from, fromPath, fromFilePairs, empty, topic, watchPath.
import type { Position } from '../../syntax/ast-expressions.js';
import type { CallArgs } from '../eval/arguments.js';
import { createChannel, queueOf, valueChannel, type DslChannel } from './channel.js';
import { isRemoteUri } from '../../../../engine/staging/uri.js';
import { runtimeStaging } from '../process/staging.js';
import type { EvalContext } from '../eval/context.js';
import { groupPairs } from './file-pairs.js';
import { absolutePath, matchPaths } from '../stdlib/files.js';
import { globFiles, isGlob } from '../stdlib/glob.js';
import { isPath, isRange, numberOf, pathValue, show, truthy } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';
import { watchPath } from './watch-path.js';

// Calls `Channel.name(args)`.
export function callChannelFactory(ctx: EvalContext, name: string, args: CallArgs, pos: Position): unknown {
  const first = args.positional[0];
  switch (name) {
    case 'of':
      return queueOf(args.positional.flatMap((value) => (isRange(value) ? (value as unknown[]) : [value])));
    case 'value':
      return args.positional.length === 0 ? createChannel(true) : valueChannel(first);
    case 'empty': {
      const channel = createChannel(false);
      channel.close();
      return channel;
    }
    case 'topic':
      if (typeof first !== 'string' || first === '')
        throw scriptError(ctx, pos, '`channel.topic` takes the name of a topic', "e.g. `channel.topic('versions')`");
      return ctx.module.runtime.topics.channel(first);
    case 'fromList':
      return queueOf(Array.isArray(first) ? first : []);
    case 'from':
      // the deprecated factory: its arguments one by one, a single list (or range) item by item
      return queueOf(args.positional.length === 1 && Array.isArray(first) ? first : [...args.positional]);
    case 'fromPath': {
      const patterns = Array.isArray(first) ? first : [first];
      if (patterns.some((p) => isRemoteUri(isPath(p) ? p.path : show(p))))
        return remotePaths(ctx, patterns, args.named, pos);
      return queueOf(patterns.flatMap((pattern) => matchPaths(ctx, pattern, args.named, pos)));
    }
    case 'fromFilePairs': {
      const size = numberOf(args.named.get('size')) ?? 2;
      const patterns = Array.isArray(first) ? first : [first];
      const pairs = patterns.flatMap((pattern) => {
        const absolute = absolutePath(ctx, pattern);
        return groupPairs(
          globFiles(absolute, '/', { hidden: truthy(args.named.get('hidden')) }),
          absolute,
          size,
          truthy(args.named.get('flat')),
        );
      });
      if (pairs.length === 0 && truthy(args.named.get('checkIfExists'))) {
        throw scriptError(
          ctx,
          pos,
          `no file pairs match the pattern \`${patterns.map(show).join(', ')}\``,
          'check the path; a pair pattern looks like `data/*_{1,2}.fq`',
        );
      }
      return queueOf(pairs);
    }
    case 'watchPath':
      return watchPath(ctx, first, args.positional[1], pos);
    default:
      throw scriptError(
        ctx,
        pos,
        `\`Channel.${name}\` is not supported`,
        'supported: of, value, empty, fromList, from, fromPath, fromFilePairs, topic, watchPath',
      );
  }
}

// Channel.fromPath over remote patterns (sftp://host/data/*.fq): filled once the remote folders are listed.
function remotePaths(
  ctx: EvalContext,
  patterns: readonly unknown[],
  named: ReadonlyMap<string, unknown>,
  pos: Position,
): DslChannel {
  const channel = createChannel(false);
  const runtime = ctx.module.runtime;
  void (async () => {
    const found: unknown[] = [];
    for (const pattern of patterns) {
      const text = isPath(pattern) ? pattern.path : show(pattern);
      if (!isRemoteUri(text)) found.push(...matchPaths(ctx, pattern, named, pos));
      else if (isGlob(text) && named.get('glob') !== false)
        found.push(...(await runtimeStaging(runtime).glob(text)).map(pathValue));
      else found.push(pathValue(text));
    }
    if (found.length === 0 && truthy(named.get('checkIfExists')))
      throw scriptError(ctx, pos, `no files match the pattern \`${patterns.map(show).join(', ')}\``, 'check the path');
    for (const value of found) channel.emit(value);
  })()
    .catch((error: unknown) => runtime.fail(error instanceof Error ? error : new Error(String(error))))
    .finally(() => channel.close());
  return channel;
}
