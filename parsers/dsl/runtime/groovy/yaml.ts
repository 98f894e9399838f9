// org.yaml.snakeyaml.Yaml on the yaml package: load (text, a Path or a File) and dump/dumpAsMap (block style).
import { parse, stringify } from 'yaml';
import { scriptError } from '../eval/script-error.js';
import type { HostMethod, HostObject } from './host-object.js';
import { textOf } from './java-file.js';
import { fromPlain, toPlain } from './plain.js';

// A Yaml instance (`new org.yaml.snakeyaml.Yaml()`).
export function yamlObject(): HostObject {
  const load: HostMethod = (args, ctx, pos) => {
    try {
      return fromPlain(parse(textOf(args[0])));
    } catch (error) {
      throw scriptError(ctx, pos, `Yaml.load: ${(error as Error).message.split('\n')[0] ?? ''}`);
    }
  };
  const dump = (args: readonly unknown[]): string => stringify(toPlain(args[0]), { lineWidth: 0 });
  return {
    kind: 'object',
    type: 'org.yaml.snakeyaml.Yaml',
    methods: { load, loadAs: load, dump, dumpAsMap: dump },
    show: () => 'org.yaml.snakeyaml.Yaml',
  };
}
