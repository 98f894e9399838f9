// The `nextflow` global: the Nextflow version pipe stands in for, and the `nextflow.*` classes scripts call.
import { copyFileSync, mkdirSync, statSync, cpSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isPath, show } from '../values/values.js';
import { isHostObject, type HostObject } from './host-object.js';

// The Nextflow version pipe reports as `nextflow.version` and `workflow.nextflow.version`: the last 25.04 release,
// whose default (v1) language pipe implements, topic channels and `eval` outputs included; nf-core pipelines'
// `manifest.nextflowVersion` (`!>=24.04.2`, rnaseq 3.24's `!>=25.04.3`) accept it. Build and timestamp are that
// release's (its META-INF/build-info.properties).
export const NEXTFLOW_VERSION = '25.04.8';
export const NEXTFLOW_BUILD = 5956;
export const NEXTFLOW_TIMESTAMP = '06-10-2025 21:19 UTC';

// `nextflow.extension.FilesEx.copyTo(source, target)`: copies a file or directory, making the target's parents.
const filesEx: HostObject = {
  kind: 'object',
  type: 'nextflow.extension.FilesEx',
  methods: {
    copyTo: (args) => {
      const source = pathText(args[0]);
      const target = resolve(pathText(args[1]));
      mkdirSync(dirname(target), { recursive: true });
      if (statSync(source).isDirectory()) cpSync(source, target, { recursive: true });
      else copyFileSync(source, target);
      return null;
    },
  },
  show: () => 'class nextflow.extension.FilesEx',
};

function pathText(value: unknown): string {
  const text = isPath(value) ? value.path : isHostObject(value) ? show(value) : show(value);
  return isAbsolute(text) ? text : resolve(text);
}

// The `nextflow` object: version, build, timestamp, feature flags and the nextflow.extension package.
export function nextflowObject(): HostObject {
  return {
    kind: 'object',
    type: 'nextflow',
    methods: {},
    properties: {
      version: () => NEXTFLOW_VERSION,
      build: () => NEXTFLOW_BUILD,
      timestamp: () => NEXTFLOW_TIMESTAMP,
      // feature flags (`nextflow.enable.dsl = 2`, `nextflow.enable.types = true`, `nextflow.preview.topic = true`):
      // accepted and not needed, as pipe reads both syntaxes and has the features on
      enable: () => new Map(),
      preview: () => new Map(),
      extension: () => ({
        kind: 'object',
        type: 'nextflow.extension',
        methods: {},
        properties: { FilesEx: () => filesEx },
        show: () => 'package nextflow.extension',
      }),
    },
    show: () => `nextflow ${NEXTFLOW_VERSION}`,
  };
}
