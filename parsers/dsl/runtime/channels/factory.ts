// The channel factories: Channel.of, value, fromList, fromPath, fromFilePairs, empty.
import type { Position } from '../../syntax/ast-expressions.js';
import type { CallArgs } from '../eval/arguments.js';
import { createChannel, queueOf, valueChannel } from './channel.js';
import type { EvalContext } from '../eval/context.js';
import { groupPairs } from './file-pairs.js';
import { absolutePath, matchPaths } from '../stdlib/files.js';
import { globFiles } from '../stdlib/glob.js';
import { isRange, numberOf, show, truthy } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

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
    case 'fromList':
      return queueOf(Array.isArray(first) ? first : []);
    case 'fromPath': {
      const patterns = Array.isArray(first) ? first : [first];
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
    default:
      throw scriptError(
        ctx,
        pos,
        `\`Channel.${name}\` is not supported`,
        'supported: of, value, empty, fromList, fromPath, fromFilePairs',
      );
  }
}
