// Process settings as nf-core's configs write them (found running nf-core/rnaseq 3.24 unmodified): publishDir lists,
// task.ext read by publishDir closures, withName priority by name form, optional tuple outputs.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../reference/helpers.js';

const SCRIPT = `
process INDEX {
  input: val meta
  output:
  tuple val(meta), path('*.txt'), emit: txt
  tuple val(meta), path('*.fa'), emit: fa, optional: true
  script: "touch \${meta.id}.txt \${meta.id}.log"
}
workflow PREP {
  take: ch
  main: INDEX(ch)
  emit: fa = INDEX.out.fa
}
workflow {
  PREP(channel.of([id: 'a', single_end: true]))
  PREP.out.fa.count().view { n -> "fa: $n" }
}
`;

const CONFIG = `
params.outdir = 'out'
process {
  ext.publish_prefix = { meta?.containsKey('single_end') ? "\${meta.id}/" : "" }
  withName: 'PREP:INDEX' {
    publishDir = [
      [path: { "\${params.outdir}/\${task.ext.publish_prefix}txt" }, pattern: '*.txt', mode: 'copy'],
      [path: { "\${params.outdir}/logs" }, pattern: 'a*', mode: 'copy'],
      [path: { "\${params.outdir}/html" }, pattern: '*.html', mode: 'copy']
    ]
  }
  withName: 'INDEX' {
    publishDir = [path: { "\${params.outdir}/by_simple_name" }, mode: 'copy']
  }
}
`;

describe('nf-core-style process configuration', () => {
  it('publishes by each map of a publishDir list, whose closures read task.ext, the fully qualified selector winning', async () => {
    const { code, stdout, stderr, dir } = await runScript(SCRIPT, [], { 'nextflow.config': CONFIG });
    expect(stderr).not.toContain('error');
    expect(code).toBe(0);
    const out = join(dir, 'out');
    expect(readdirSync(join(out, 'a', 'txt'))).toEqual(['a.txt']);
    expect(readdirSync(join(out, 'logs'))).toEqual(['a.txt']);
    // the publishDir is made once the task has outputs, even when none match its pattern (as Nextflow does)
    expect(readdirSync(join(out, 'html'))).toEqual([]);
    // 'INDEX' matches the process's own name, 'PREP:INDEX' its fully qualified name, which has priority
    expect(existsSync(join(out, 'by_simple_name'))).toBe(false);
    // an optional tuple whose file is missing is left out, and the task succeeds
    expect(stdout).toContain('fa: 0');
  });
});

// An undefined name in a config file is an empty ConfigObject, as Nextflow's config parser gives it: nf-core/rnafusion
// 4.1.0 publishes STRINGTIE_MERGE (no `meta` input) by `"${params.outdir}/stringtie/${meta.id}"` into `stringtie/[:]/`,
// and nf-core/rnaseq 3.24.0's `meta?.containsKey('single_end')` is false for such a process.
describe('a name the config does not define', () => {
  it('reads as an empty config object, printed [:], an empty map whose properties are empty config objects', async () => {
    const script = `
process MERGE {
  output: path '*merged.gtf'
  script: "touch \${task.ext.prefix}merged.gtf"
}
workflow { MERGE() }
`;
    const config = `
params.outdir = 'out'
process {
  ext.prefix = { meta?.containsKey('single_end') ? "\${meta.id}_" : 'all_' }
  withName: 'MERGE' { publishDir = [path: { "\${params.outdir}/stringtie/\${meta.id}" }, mode: 'copy'] }
}
`;
    const { code, stderr, dir } = await runScript(script, [], { 'nextflow.config': config });
    expect(code, stderr).toBe(0);
    expect(readdirSync(join(dir, 'out', 'stringtie', '[:]'))).toEqual(['all_merged.gtf']);
  });
});
