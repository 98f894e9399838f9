// Mistyped names through the built CLI: commands, options, backend options, called processes, processes in -entry
// and config selectors each get one error (or warning) line naming the closest known name.
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const MAIN = `
process FOO {
  output:
  stdout
  script:
  "echo foo"
}
workflow { FOO() | view }
workflow other { FOO() | view }
`;

// The error lines of stderr: `pipe: error: …` and its hint.
function errorLines(stderr: string): string[] {
  return stderr.trimEnd().split('\n');
}

describe('did you mean', () => {
  it('names the closest command and option, in one error line and one hint', async () => {
    const dir = scratchDir({ 'l.txt': 'echo a\n' });
    const command = await runPipe(['rn', 'l.txt'], dir);
    expect(command.code).toBe(2);
    expect(errorLines(command.stderr)).toEqual(["pipe: error: unknown command 'rn'", '  hint: did you mean `run`?']);
    const option = await runPipe(['status', '--rns'], dir);
    expect(errorLines(option.stderr)).toEqual([
      "pipe: error: unknown option '--rns'",
      '  hint: did you mean `--runs`?',
    ]);
  });

  it("points a command's usage error at that command's help", async () => {
    const dir = scratchDir();
    const agent = await runPipe(['agent', '-j', '4'], dir);
    expect(agent.code).toBe(2);
    expect(errorLines(agent.stderr)).toEqual([
      "pipe: error: required option '--server <url>' not specified",
      '  hint: run `pipe agent --help` for usage',
    ]);
    const top = await runPipe(['--frobnicate'], dir);
    expect(errorLines(top.stderr)[1]).toBe('  hint: run `pipe --help` for usage');
  });

  it('names the closest backend option, in one line', async () => {
    const dir = scratchDir({ 'l.txt': 'echo a\n' });
    const result = await runPipe(['run', 'l.txt', '--backend', 'slurm', '--backend-opt', 'quue=short'], dir);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([
      'pipe: error: unknown option `quue` for backend `slurm`',
      '  hint: did you mean `queue`? (see docs/backends.md (slurm))',
    ]);
  });

  it('names the closest process, workflow or function for a call of an unknown one, at its line and column', async () => {
    const dir = scratchDir({ 'main.nf': MAIN.replace('workflow { FOO() | view }', 'workflow {\n  FOOO() | view\n}') });
    const result = await runPipe(['run', 'main.nf'], dir);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr).slice(-2)).toEqual([
      `pipe: error: ${dir}/main.nf:9:3: unknown function \`FOOO\``,
      '  hint: did you mean `FOO`? (a process, workflow or function of this script)',
    ]);
  });

  it('names the closest process or workflow for -entry, and warns about a selector that names no process', async () => {
    const dir = scratchDir({ 'main.nf': MAIN, 'nextflow.config': "process { withName: 'FOOO' { cpus = 1 } }\n" });
    const entry = await runPipe(['run', 'main.nf', '-entry', 'othr'], dir);
    expect(entry.code).toBe(2);
    expect(entry.stderr).toContain('did you mean `other`?');
    const run = await runPipe(['run', 'main.nf', '-plain'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("WARN: There's no process matching config selector: FOOO -- Did you mean: FOO?");
  });
});
