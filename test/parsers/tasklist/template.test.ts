import { describe, expect, it } from 'vitest';
import { compileTemplate, expandTemplate, hasReplacementString } from '../../../parsers/tasklist/template.js';

describe('expandTemplate', () => {
  it.each([
    // template, argument, seq, command
    ['gzip -9 {}', 'data/a.txt', 1, 'gzip -9 data/a.txt'],
    ['gzip -9', 'data/a.txt', 1, 'gzip -9 data/a.txt'],
    ['convert {} {.}.png', 'img/cat.jpg', 1, 'convert img/cat.jpg img/cat.png'],
    ['echo {.}', 'archive.tar.gz', 1, 'echo archive.tar'],
    ['echo {.}', 'sub.dir/file', 1, 'echo sub.dir/file'],
    ['echo {.}', 'noext', 1, 'echo noext'],
    ['echo {/}', '/data/run1/a.txt', 1, 'echo a.txt'],
    ['echo {/}', 'a.txt', 1, 'echo a.txt'],
    ['echo {//}', '/data/run1/a.txt', 1, 'echo /data/run1'],
    ['echo {//}', 'a.txt', 1, 'echo .'],
    ['echo {//}', '/a.txt', 1, 'echo /'],
    ['echo {//}', 'data//a.txt', 1, 'echo data'],
    ['echo {/.}', '/data/run1/a.fastq.gz', 1, 'echo a.fastq'],
    ['echo {/.}', 'sub.dir/file', 1, 'echo file'],
    ['echo {#} {}', 'x', 17, 'echo 17 x'],
    ['echo {#}', 'x', 3, 'echo 3'],
    ['cp {} {}.bak', 'a', 1, 'cp a a.bak'],
    ['gzip {}', 'my notes.md', 1, "gzip 'my notes.md'"],
    ['echo {/.}', "dir/it's here.txt", 1, "echo 'it'\\''s here'"],
    ['echo', '$HOME; rm -rf /', 1, "echo '$HOME; rm -rf /'"],
    ['echo {1}', 'a b', 1, "echo 'a b'"],
    ['echo {1.} {1/}', 'd/x.tar', 1, 'echo d/x x.tar'],
    ['echo {x}', 'a', 1, 'echo {x} a'],
  ] as const)('%j with %j as job %d gives %j', (template, argument, seq, command) => {
    expect(expandTemplate(template, argument, seq)).toBe(command);
  });
});

describe('hasReplacementString', () => {
  it.each([
    ['gzip {}', true],
    ['echo {#}', true],
    ['echo {/.}', true],
    ['gzip -9', false],
    ['echo {x} ${y}', false],
    ['echo {2}', true],
    ['echo {%}', true],
  ] as const)('says %j has a replacement string: %s', (template, has) => {
    expect(hasReplacementString(template)).toBe(has);
  });
});

describe('compileTemplate', () => {
  it('gives an expander that can be reused for every line', () => {
    const expand = compileTemplate('mv {} {//}/done/{/}');
    expect(expand('in/a', 1)).toBe('mv in/a in/done/a');
    expect(expand('in/b', 2)).toBe('mv in/b in/done/b');
  });
});

describe('columns, as GNU parallel --colsep gives them', () => {
  it.each([
    // template, colsep, line, command (checked against `parallel --colsep`)
    ['echo [{}] [{1}] [{2}] [{3}] [{4}]', '\\t', 'a b\tc\td', "echo ['a b' c d] ['a b'] [c] [d] ['']"],
    ['echo {2} {1}', ',', 'a,b', 'echo b a'],
    ['cp {1} {2/.}.bak', ',', 'in/x.txt,out/y.txt', 'cp in/x.txt y.bak'],
    ['echo {#}-{2}', ' +', 'p   q', 'echo 7-q'],
  ] as const)('%j with --colsep %j on %j gives %j', (template, colsep, line, command) => {
    expect(expandTemplate(template, line, 7, { colsep })).toBe(command);
  });

  it('rejects a column beyond the first when lines are not split, naming it and --colsep', () => {
    expect(() => compileTemplate('echo {2}')).toThrow(/column 2 \(`\{2\}`\), but lines are not split/);
  });

  it.each(['echo {%}', 'echo {= s/a/b/ =}', 'echo {0}'])('rejects %j instead of running it literally', (template) => {
    expect(() => compileTemplate(template)).toThrow(/is not supported/);
  });

  it('rejects a --colsep that is not a regular expression', () => {
    expect(() => compileTemplate('echo {1}', { colsep: '(' })).toThrow(
      /--colsep "\(" is not a valid regular expression/,
    );
  });
});
