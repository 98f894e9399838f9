// groovy.json.JsonOutput and groovy.json.JsonSlurper.
import { show } from '../values/values.js';
import type { HostObject } from './host-object.js';
import { fromPlain, toPlain } from './plain.js';
import { textOf } from './java-file.js';

// The JsonOutput class: toJson (compact) and prettyPrint (four-space indent, as Groovy's).
export const jsonOutputClass: HostObject = {
  kind: 'object',
  type: 'groovy.json.JsonOutput',
  methods: {
    toJson: (args) => JSON.stringify(toPlain(args[0])) ?? 'null',
    prettyPrint: (args) => JSON.stringify(JSON.parse(show(args[0])), null, 4),
  },
  show: () => 'class groovy.json.JsonOutput',
};

// A JsonSlurper: parseText(text) and parse(file).
export function jsonSlurper(): HostObject {
  return {
    kind: 'object',
    type: 'groovy.json.JsonSlurper',
    methods: {
      parseText: (args) => fromPlain(JSON.parse(show(args[0]))),
      parse: (args) => fromPlain(JSON.parse(textOf(args[0]))),
    },
    show: () => 'groovy.json.JsonSlurper',
  };
}
