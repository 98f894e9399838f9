import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTopics } from '../../../../parsers/dsl/runtime/channels/topic.js';
import { loadConfig } from '../../../../parsers/dsl/runtime/config/config.js';
import type { DslModule, DslRuntime } from '../../../../parsers/dsl/runtime/eval/context.js';
import { evaluator } from '../../../../parsers/dsl/runtime/eval/evaluator.js';
import { childScope } from '../../../../parsers/dsl/runtime/eval/scope.js';
import { evaluateDirective } from '../../../../parsers/dsl/runtime/process/directives.js';

// Loads `text` as a project's nextflow.config; returns the config and what its statements printed.
function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-test-config-'));
  writeFileSync(join(dir, 'nextflow.config'), text);
  const printed: string[] = [];
  const runtime: DslRuntime = {
    launchDir: dir,
    projectDir: dir,
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
    console: { out: (line) => void printed.push(line.trim()), log: () => undefined },
    fail: (e: Error) => {
      throw e;
    },
  };
  const module: DslModule = {
    file: join(dir, 'main.nf'),
    dir,
    callables: new Map(),
    functions: new Map(),
    types: new Map(),
    runtime,
  };
  return { config: loadConfig([join(dir, 'nextflow.config')], [], module), printed };
}

describe('a nextflow.config of the older nf-core template', () => {
  it('defines functions the process settings call per task (check_max)', () => {
    const { config } = load(
      [
        'def check_max(obj, limit) {',
        '  return obj > limit ? limit : obj',
        '}',
        'process {',
        '  cpus = { check_max(6 * task.attempt, 8) }',
        '}',
      ].join('\n'),
    );
    const source = config.processDefaults.get('cpus');
    if (source === undefined) throw new Error('no process.cpus');
    const scope = (attempt: number) => childScope(undefined, [['task', new Map([['attempt', attempt]])]]);
    expect(evaluateDirective(source, scope(1)).positional[0]).toBe(6);
    expect(evaluateDirective(source, scope(2)).positional[0]).toBe(8);
  });

  it('reads a `def` variable in later settings', () => {
    const { config } = load(
      ["params.outdir = 'out'", "def stamp = 'T1'", 'trace.file = "${params.outdir}/trace_${stamp}.txt"'].join('\n'),
    );
    expect(config.settings.get('trace.file')).toBe('out/trace_T1.txt');
  });

  it('runs the catch clause of a try whose includeConfig fails, and goes on', () => {
    const { config, printed } = load(
      [
        'try {',
        "  includeConfig 'missing.config'",
        '} catch (Exception e) {',
        '  println "WARNING: could not load: ${e.message}"',
        '}',
        'docker.enabled = false',
      ].join('\n'),
    );
    expect(printed).toEqual(['WARNING: could not load: includeConfig: `missing.config` does not exist']);
    expect(config.settings.get('docker.enabled')).toBe(false);
  });
});

describe('Path.eachLine', () => {
  it('calls the closure with each line, and with its number from 1 when it takes two parameters', async () => {
    const { run } = await import('./helpers.js');
    const dir = mkdtempSync(join(tmpdir(), 'pipe-test-eachline-'));
    writeFileSync(join(dir, 'x.txt'), 'a\nb\n');
    const seen = run(`def s = []\nfile('${dir}/x.txt').eachLine { line, n -> s << "\${n}:\${line}" }\ns`).value;
    expect(seen).toEqual(['1:a', '2:b']);
  });
});
