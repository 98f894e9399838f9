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
    ['echo {%} {}', 'x', 1, 'echo {%} x'],
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
    ['echo {x} {%}', false],
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
