// org.yaml.snakeyaml.Yaml on the yaml package: load (text, a Path or a File) and dump/dumpAsMap (block style).
import { parseDocument, Scalar, stringify, visit } from 'yaml';
import { GDecimal } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';
import type { HostMethod, HostObject } from './host-object.js';
import { textOf } from './java-file.js';
import { fromPlain, toPlain } from './plain.js';

// A Yaml instance (`new org.yaml.snakeyaml.Yaml()`).
export function yamlObject(): HostObject {
  const load: HostMethod = (args, ctx, pos) => {
    try {
      return fromPlain(parseKeepingDecimals(textOf(args[0])));
    } catch (error) {
      throw scriptError(ctx, pos, `Yaml.load: ${(error as Error).message.split('\n')[0] ?? ''}`);
    }
  };
  const dump = (args: readonly unknown[]): string => stringify(toPlain(args[0], decimalNode), { lineWidth: 0 });
  return {
    kind: 'object',
    type: 'org.yaml.snakeyaml.Yaml',
    methods: { load, loadAs: load, dump, dumpAsMap: dump },
    show: () => 'org.yaml.snakeyaml.Yaml',
  };
}

// Parses YAML; a number written with a point or an exponent (`1.0`) stays a decimal, as snakeyaml's Double.
function parseKeepingDecimals(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors[0] !== undefined) throw doc.errors[0];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && /[.eE]/.test(node.source ?? '')) node.value = new GDecimal(node.value);
    },
  });
  return doc.toJS();
}

// A decimal as a YAML scalar that keeps its point (`1.0`).
function decimalNode(decimal: GDecimal): unknown {
  const node = new Scalar(decimal.value);
  if (Number.isInteger(decimal.value)) node.minFractionDigits = 1;
  return node;
}
