// Parses repeated `--backend-opt KEY=VALUE` flags into the object a backend's schema validates.
import { UsageError } from '../../engine/errors.js';

// A value as typed: a number, true/false, JSON for arrays and objects, otherwise the text itself.
function parseValue(text: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.startsWith('[') || text.startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UsageError(`expected JSON in --backend-opt value \`${text}\``, {
        hint: 'e.g. --backend-opt \'clusterOptions=["--qos=long"]\'',
      });
    }
  }
  return text;
}

// Turns ["queue=short", "arraySize=100"] into { queue: 'short', arraySize: 100 }.
export function parseBackendOptions(pairs: readonly string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new UsageError(`expected --backend-opt KEY=VALUE, got \`${pair}\``, {
        hint: 'e.g. --backend-opt queue=short',
      });
    }
    options[pair.slice(0, eq)] = parseValue(pair.slice(eq + 1));
  }
  return options;
}
