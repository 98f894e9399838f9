// Nextflow's error report (cli.md, script.md `error()`): a run that ends on an error prints `ERROR ~ message` and
// where to look on stdout when stdout is not a terminal (pipe's own error line goes to stderr), and logs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from './helpers.js';

describe('error report', () => {
  it('a script error names the script and its line', async () => {
    const { stdout, stderr, code, dir } = await runScript('def hello = 1\nprintx hello\n');
    expect(code).not.toBe(0);
    expect(stdout).toMatch(/^ERROR ~ .*printx/m);
    expect(stdout).toMatch(/-- Check script '.*main\.nf' at line: 2 or see '\.nextflow\.log' file for more details/);
    expect(stderr).toMatch(/^pipe: error: .*main\.nf:2:1: /m);
    expect(readFileSync(join(dir, '.nextflow.log'), 'utf8')).toMatch(/ ERROR .* - ERROR ~ .*printx/);
  });

  it('`error` inside an operator closure ends the run with its message', async () => {
    const { stdout, code } = await runScript(`
channel.fromPath('missing/*')
  .ifEmpty { error "Channel empty terminating" }
  .view { "Done" }
`);
    expect(code).not.toBe(0);
    expect(stdout.match(/Channel empty terminating/g)).toHaveLength(1);
    expect(stdout).not.toContain('Done');
  });
});
