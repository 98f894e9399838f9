// reference/channel.md (watchPath) and reference/operator.md (until): a channel that stays open and emits files as
// they are created, modified or deleted, ended by `until`. The files are made by a task of the same run, so the
// watch is in place before they appear.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

// A process that runs `commands` in the launch dir's inbox/.
const MAKER = (commands: string): string => `
process make {
  output: val 'made'
  script:
  """
  cd \${launchDir}/inbox
  ${commands}
  """
}
`;

describe('reference/operator: until', () => {
  it('emits items until one meets the condition, then ends', async () => {
    const { stdout, code } = await runScript('workflow { Channel.of(3, 2, 1, 5, 1, 5).until { it == 5 }.view() }\n');
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['3', '2', '1']);
  });
});

describe('reference/channel: watchPath', () => {
  it('emits each file created that matches the pattern (not hidden ones), until the one that ends it', async () => {
    const { stdout, code } = await runScript(
      `${MAKER('echo one > a.txt; echo two > b.txt; echo x > .c.txt; echo x > d.dat; touch done.txt')}
process upper {
  input: path f
  output: stdout
  script: "tr a-z A-Z < $f"
}
workflow {
  make()
  channel.watchPath("\${launchDir}/inbox/*.txt").until { it.name == 'done.txt' } | upper | map { it.trim() } | view
}
`,
      [],
      { 'inbox/.keep': '' },
    );
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['ONE', 'TWO']);
  });

  it('watches the events it is given: create and delete, not modify', async () => {
    const { stdout, code } = await runScript(
      `${MAKER('echo 1 > a.txt; echo 2 >> a.txt; rm a.txt; touch end.txt')}
workflow {
  make()
  channel.watchPath("\${launchDir}/inbox/*.txt", 'create,delete').until { it.name == 'end.txt' }.view { it.name }
}
`,
      [],
      { 'inbox/.keep': '' },
    );
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['a.txt', 'a.txt']);
  });

  it('warns about a directory that does not exist and ends at once', async () => {
    const { stderr, stdout, code, dir } = await runScript('workflow { channel.watchPath("missing/*.fa").view() }\n');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`Cannot watch a non-existent directory: ${join(dir, 'missing')}`);
  });

  it('refuses an event it does not know', async () => {
    const { stderr, code } = await runScript('workflow { channel.watchPath("*.fa", "create,rename").view() }\n');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/main\.nf:1:\d+: `watchPath` cannot watch the event `rename`/);
  });
});
