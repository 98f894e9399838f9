// CWL expressions written by someone else run in a sandbox: no command, no host object, bounded memory, and no
// state shared between evaluations.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../../helpers/cli.js';

// An ExpressionTool whose expression is `body`.
function expressionTool(body: string): string {
  return [
    'cwlVersion: v1.2',
    'class: ExpressionTool',
    'requirements: {InlineJavascriptRequirement: {}}',
    'inputs: []',
    'outputs: {r: Any}',
    `expression: ${JSON.stringify(body)}`,
    '',
  ].join('\n');
}

describe('the CWL expression sandbox', () => {
  it('fails an expression that reaches for process through a rejected import(), and runs no command', async () => {
    const dir = scratchDir();
    const marker = join(dir, 'pwned');
    const escape = `e.constructor.constructor('return process')().getBuiltinModule('child_process').execSync('id > ${marker}')`;
    const body = `\${ import('x').catch(function (e) { ${escape}; }); return {r: 1}; }`;
    const result = await runPipe(
      ['run', '--outdir', 'out', 'escape.cwl'],
      scratchDir({ 'escape.cwl': expressionTool(body) }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^pipe: error: .*import\(\) is not available in CWL expressions/m);
    expect(result.stderr).not.toContain('    at ');
    expect(existsSync(marker)).toBe(false);
  });

  it('stops an off-heap allocation of 2 GiB at the sandbox limit with a clear error', async () => {
    const body = '${ var a = new Uint8Array(Math.pow(2, 31)); a.fill(1); return {r: a.length}; }';
    const result = await runPipe(
      ['run', '--outdir', 'out', 'big.cwl'],
      scratchDir({ 'big.cwl': expressionTool(body) }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^pipe: error: .*RangeError: Array buffer allocation failed/m);
  });

  it("does not let one step's prototype changes alter another step's result", async () => {
    const step = (body: string): string =>
      `    run:\n      class: ExpressionTool\n      inputs: {after: Any?}\n      outputs: {r: Any}\n      expression: ${JSON.stringify(body)}\n`;
    const workflow = [
      'cwlVersion: v1.2',
      'class: Workflow',
      'requirements: {InlineJavascriptRequirement: {}}',
      'inputs: []',
      'outputs: {second: {type: Any, outputSource: two/r}}',
      'steps:',
      '  one:',
      '    in: {}',
      '    out: [r]',
      step('${ Array.prototype.toJSON = function () { return "tampered"; }; return {r: 1}; }'),
      '  two:',
      '    in: {after: one/r}',
      '    out: [r]',
      step('${ return {r: [1, 2, 3]}; }'),
    ].join('\n');
    const dir = scratchDir({ 'wf.cwl': workflow });
    const result = await runPipe(['run', '--quiet', '--outdir', 'out', 'wf.cwl'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ second: [1, 2, 3] });
  });
});
