// A module's top-level `def` is seen by its processes and workflows, as the closures of a Groovy script body see its
// locals (nf-core/smrnaseq 2.4.1's local modules write `def VERSION = '0.0.14'` above the process that reports it).
import { describe, expect, it } from 'vitest';
import { runScript } from '../reference/helpers.js';

const MODULE = `
def VERSION = '0.0.14'

process SHOW {
  input: val x
  output: stdout
  script: "echo \${x} \${VERSION}"
}

workflow TWICE {
  take:
  ch
  main:
  SHOW(ch.map { "\${it}-\${VERSION}" })
  emit:
  out = SHOW.out
}
`;

describe('top-level variables of a module', () => {
  it('are seen by its processes and workflows', async () => {
    const script = `
include { TWICE } from './modules/show'
def label = 'main'
workflow { TWICE(channel.of(label)).view { it.trim() } }
`;
    const { code, stdout, stderr } = await runScript(script, [], { 'modules/show.nf': MODULE });
    expect(code, stderr).toBe(0);
    expect(stdout).toBe('main-0.0.14 0.0.14\n');
  });
});
