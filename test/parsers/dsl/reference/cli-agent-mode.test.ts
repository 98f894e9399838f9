// Nextflow's agent output (NXF_AGENT_MODE=true, AgentLogObserver): structured lines on stdout instead of progress.
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

const AGENT = { NXF_AGENT_MODE: 'true' };

describe('NXF_AGENT_MODE', () => {
  it('prints the pipeline, its work dir, one line per task, the script output and a summary', async () => {
    const { stdout, code, dir } = await runScript(
      `
process HELLO {
  output: stdout
  script: "echo hello"
}
process WORLD {
  input: val msg
  output: stdout
  script: "echo world got \${msg.trim()}"
}
workflow { HELLO | WORLD | view { it.trim() } }
`,
      [],
      {},
      AGENT,
    );
    expect(code).toBe(0);
    const out = lines(stdout).filter((line) => line !== '');
    expect(out[0]).toBe('[PIPELINE] main.nf | profile=standard');
    expect(out[1]).toMatch(new RegExp(`^\\[WORKDIR\\] .*${dir.split('/').pop() ?? ''}/work$`));
    expect(out.filter((line) => line.startsWith('[PROCESS '))).toEqual([
      expect.stringMatching(/^\[PROCESS [0-9a-f]{2}\/[0-9a-f]{6}\] HELLO$/),
      expect.stringMatching(/^\[PROCESS [0-9a-f]{2}\/[0-9a-f]{6}\] WORLD$/),
    ]);
    expect(out).toContain('world got hello');
    expect(out[out.length - 1]).toBe('[SUCCESS] completed=2 failed=0 cached=0');
  });

  it('describes a failed task: exit status, command, the end of its stderr, its work dir', async () => {
    const { stdout, code } = await runScript(
      'process FAIL {\n  script:\n  """\n  echo oops >&2\n  exit 127\n  """\n}\nworkflow { FAIL() }\n',
      [],
      {},
      AGENT,
    );
    expect(code).not.toBe(0);
    const out = lines(stdout).filter((line) => line !== '');
    const at = out.indexOf('[ERROR] FAIL');
    expect(out.slice(at + 1, at + 4)).toEqual(['exit: 127', 'cmd: echo oops >&2 exit 127', 'stderr: oops']);
    expect(out[at + 4]).toMatch(/^workdir: .*\/work\/[0-9a-f]{2}\/[0-9a-f]{30}$/);
    expect(out[out.length - 1]).toBe('[FAILED] completed=1 failed=1 cached=0');
  });
});
