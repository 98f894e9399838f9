// reference/syntax.md (workflow): the entry workflow's `onComplete:` and `onError:` sections.
import { describe, expect, it } from 'vitest';
import { lines, runScript } from './helpers.js';

describe('reference/workflow: onComplete: and onError: sections', () => {
  it('runs onComplete: after a successful run and not onError:', async () => {
    const { stdout, code } = await runScript(`
workflow {
  main:
  channel.of(1).view { "item $it" }

  onComplete:
  println "done: success=\${workflow.success}"

  onError:
  println 'failed'
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['item 1', 'done: success=true']);
  });

  it('runs onError: then onComplete: after a failed run', async () => {
    const { stdout, code } = await runScript(`
process fails {
  script:
  'exit 1'
}
workflow {
  main:
  fails()

  onComplete:
  println "complete: success=\${workflow.success}"

  onError:
  println 'error handler'
}
`);
    expect(code).not.toBe(0);
    expect(lines(stdout)).toEqual(['error handler', 'complete: success=false']);
  });

  it('an `error()` in an operator closure fails the run with its own message, seen by onError and onComplete', async () => {
    const { stdout, code } = await runScript(`
workflow {
  channel.of(1, 2, 3)
    .collect()
    .subscribe { values -> if (values.size() < 10) error 'Not enough values!' }

  workflow.onComplete = { println "onComplete: \${workflow.success}" }
  workflow.onError = { println "onError: \${workflow.errorMessage}" }
}
`);
    expect(code).not.toBe(0);
    expect(lines(stdout).slice(0, 3)).toEqual([
      'onError: Not enough values!',
      'onComplete: false',
      'ERROR ~ Not enough values!',
    ]);
  });

  it('refuses onComplete: in a named workflow', async () => {
    const { stderr, code } = await runScript(`
workflow sub {
  main:
  println 'x'
  onComplete:
  println 'y'
}
workflow { sub() }
`);
    expect(code).toBe(2);
    expect(stderr).toContain('only the entry workflow can have a `onComplete:` section');
  });
});
