// Groovy's loops as Nextflow scripts use them (the Groovy language reference, "Looping structures"): the classic
// C-style `for (init; condition; update)` with each part optional, `for (x in items)`, `while`, `break`/`continue`.
import { describe, expect, it } from 'vitest';
import { run } from '../runtime/helpers.js';
import { lines, runScript } from './helpers.js';

const shown = (code: string): string => String((run(code).value as unknown[] | string).toString());

describe('reference: Groovy classic for loops', () => {
  it('runs init, then body and update while the condition holds, as Groovy does', () => {
    expect(shown('def out = []\nfor (int i = 0; i < 4; i++) { out << i }\nout')).toBe('0,1,2,3');
    expect(shown('def out = []\nfor (def i = 10; i > 0; i -= 3) out << i\nout')).toBe('10,7,4,1');
    expect(shown('def out = []\nfor (i = 0; i < 7; i += 2) {\n  out << i\n}\nout')).toBe('0,2,4,6');
    expect(shown("def out = []\nfor (String s = 'a'; s.size() < 4; s += 'b') { out << s }\nout")).toBe('a,ab,abb');
  });

  it('takes several comma-separated updates and an init of assignments', () => {
    expect(shown('def out = []\ndef j\nfor (i = 0, j = 5; i < j; i++, j--) { out << "$i:$j" }\nout')).toBe(
      '0:5,1:4,2:3',
    );
  });

  it('allows each part to be empty: `for (;;)` runs until a break', () => {
    expect(shown('def n = 0\nfor (;;) { n++; if (n == 5) break }\nn')).toBe('5');
    expect(shown('def i = 0\nfor (; i < 3;) { i++ }\ni')).toBe('3');
    expect(shown('def n = 0\nfor (int i = 0; ; i++) { if (i > 2) break; n += i }\nn')).toBe('3');
  });

  it('runs the update after a `continue`, and `break` leaves at once', () => {
    expect(shown('def out = []\nfor (int i = 0; i < 6; i++) { if (i % 2) continue; out << i }\nout')).toBe('0,2,4');
    expect(shown('def out = []\nfor (int i = 0; i < 6; i++) { if (i == 3) break; out << i }\nout')).toBe('0,1,2');
  });

  it('keeps a declared loop variable inside the loop; an assigned one outlives it', () => {
    expect(() => run('for (int i = 0; i < 2; i++) { }\ni')).toThrow(/unknown name `i`/);
    expect(shown('for (k = 0; k < 2; k++) { }\nk')).toBe('2');
  });

  it('does not run the body when the condition is false at once', () => {
    expect(shown('def n = 0\nfor (int i = 5; i < 3; i++) { n++ }\nn')).toBe('0');
  });

  it('tells a for-in loop from a classic one by the `;` in its header', () => {
    expect(shown('def out = []\nfor (int x in [1, 2]) { out << x }\nfor (def y : [3]) { out << y }\nout')).toBe(
      '1,2,3',
    );
    expect(shown('def out = []\nfor (int i = [1, 2].collect { it; 0 }[0]; i < 2; i++) { out << i }\nout')).toBe('0,1');
  });

  it('runs the channel-priority check of nf-core’s utility subworkflow in a script', async () => {
    const { stdout, code } = await runScript(`
def violation(channels) {
  def required = ['conda-forge', 'bioconda', 'defaults']
  def channel_priority_violation = false
  def n = required.size()
  for (int i = 0; i < n - 1; i++) {
    channel_priority_violation |= !(channels.indexOf(required[i]) < channels.indexOf(required[i+1]))
  }
  return channel_priority_violation
}
println violation(['conda-forge', 'bioconda', 'defaults'])
println violation(['bioconda', 'conda-forge', 'defaults'])
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['false', 'true']);
  });
});
