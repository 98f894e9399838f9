// Turns zod issues found in a configuration file into one located ConfigError a user can act on.
import type { z } from 'zod';
import { ConfigError } from '../../engine/errors.js';
import { closestMatch } from '../../parsers/common/edit-distance.js';
import { describeValue } from '../../parsers/common/describe-value.js';
import type { NodePath, StructuredDocument } from '../../parsers/common/structured-document.js';

// The value at `path` in plain data, or undefined.
export function valueAt(value: unknown, path: NodePath): unknown {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

// `backends.slurm.arraySize`, `clusterOptions[0]`.
export function dotted(path: NodePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

// What zod expected, without its "Invalid input:" prefix.
function expectation(message: string): string {
  return message.replace(/^[A-Z][a-z]+(?: [a-z]+)?: /, '');
}

// The error for the first issue; `base` is where the validated value sits in the file, `keys` its known keys and
// `docs` where the user can read about them.
export function issueError(
  doc: StructuredDocument,
  base: NodePath,
  issue: z.core.$ZodIssue,
  keys: readonly string[],
  docs: string,
): ConfigError {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const path = [...base, ...(issue.path as NodePath), key];
    const near = closestMatch(key, keys);
    return new ConfigError(`unknown key \`${dotted(path)}\``, {
      location: doc.locate(path, 'key'),
      hint:
        near === undefined
          ? `known keys here: ${keys.join(', ')} (see ${docs})`
          : `did you mean \`${near}\`? (see ${docs})`,
    });
  }
  const path = [...base, ...(issue.path as NodePath)];
  return new ConfigError(
    `invalid value ${describeValue(valueAt(doc.value, path))} for \`${dotted(path)}\`: ${expectation(issue.message)}`,
    {
      location: doc.locate(path),
      hint: `see ${docs} for what \`${String(path.at(-1))}\` takes`,
    },
  );
}
