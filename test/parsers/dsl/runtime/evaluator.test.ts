import { describe, expect, it } from 'vitest';
import { DslScriptError } from '../../../../parsers/dsl/runtime/eval/errors.js';
import { run, shown } from './helpers.js';

describe('GStrings', () => {
  it('interpolate `$name`, `$a.b` paths and `${expr}`, and keep `\\$` literal', () => {
    expect(shown('def x = "w"; def m = [a: [b: 2]]; "hi $x ${1 + 2} $m.a.b \\$HOME"')).toBe('hi w 3 2 $HOME');
  });
  it('leave single-quoted strings alone', () => {
    expect(shown("def x = 1; 'a $x'")).toBe('a $x');
  });
  it('print lists and maps as Groovy does', () => {
    expect(shown('"${[1, \'a\', [k: true]]}"')).toBe('[1, a, [k:true]]');
    expect(shown('"${[:]}"')).toBe('[:]');
  });
});

describe('arithmetic', () => {
  it('keeps integers integral and prints decimals with a point', () => {
    expect(shown('2 + 3')).toBe('5');
    expect(shown('1.5 + 0.5')).toBe('2.0');
    expect(shown('2 * 1.0')).toBe('2.0');
    expect(shown('7 % 3')).toBe('1');
    expect(shown('2 ** 10')).toBe('1024');
  });
  it('divides integers into decimals as Groovy does', () => {
    expect(shown('3 / 2')).toBe('1.5');
  });
  it('concatenates strings and lists with +, removes with -', () => {
    expect(shown("'a' + 1")).toBe('a1');
    expect(shown('[1, 2] + [3]')).toEqual('[1, 2, 3]');
    expect(shown('[1, 2, 3, 2] - 2')).toBe('[1, 3]');
  });
  it('reports division by zero at its position', () => {
    expect(() => run('def x = 1\nx / 0')).toThrow(DslScriptError);
    try {
      run('def x = 1\nx / 0');
    } catch (error) {
      expect((error as DslScriptError).location).toEqual({ file: 'test.nf', line: 2, column: 1 });
    }
  });
});

describe('null-safe operators', () => {
  it('elvis falls back on Groovy-false values only', () => {
    expect(shown("null ?: 'd'")).toBe('d');
    expect(shown("'' ?: 'd'")).toBe('d');
    expect(shown("0 ?: 'd'")).toBe('d');
    expect(shown("'v' ?: 'd'")).toBe('v');
  });
  it('safe navigation gives null instead of failing', () => {
    expect(shown('def m = null; m?.name')).toBe('null');
    expect(shown('def m = null; m?.size()')).toBe('null');
  });
  it('reading a missing map key gives null, and ternary and comparisons follow Groovy truth', () => {
    expect(shown('[a: 1].b')).toBe('null');
    expect(shown("[] ? 'yes' : 'no'")).toBe('no');
    expect(shown("'abc' < 'abd'")).toBe('true');
    expect(shown('[1, 2] == [1, 2]')).toBe('true');
    expect(shown('1 == 1.0')).toBe('true');
  });
});

describe('closures', () => {
  it('bind the implicit `it`', () => {
    expect(shown('[1, 2, 3].collect { it * 2 }')).toBe('[2, 4, 6]');
  });
  it('bind named parameters and spread a tuple over several of them', () => {
    expect(shown('def f = { a, b -> a + b }; f(1, 2)')).toBe('3');
    expect(shown("[['x', 1], ['y', 2]].collect { k, v -> k + v }")).toBe('[x1, y2]');
  });
  it('capture variables of the enclosing scope and return early', () => {
    expect(shown('def n = 10; def f = { if (it > 1) return n; 0 }; [f(1), f(2)]')).toBe('[0, 10]');
  });
  it('run inject, findAll, groupBy and collectEntries', () => {
    expect(shown('[1, 2, 3].inject(0) { acc, x -> acc + x }')).toBe('6');
    expect(shown('[1, 2, 3, 4].findAll { it % 2 == 0 }')).toBe('[2, 4]');
    expect(shown("['a1', 'b2', 'a3'].groupBy { it[0] }")).toBe('[a:[a1, a3], b:[b2]]');
    expect(shown('[1, 2].collectEntries { [(it): it * it] }')).toBe('[1:1, 2:4]');
  });
});

describe('methods on strings, lists, maps and paths', () => {
  it('strings: trim, split, tokenize, replace, startsWith, toInteger, toUpperCase', () => {
    expect(shown("'  a b  '.trim()")).toBe('a b');
    expect(shown("'a,b,c'.split(',')")).toBe('[a, b, c]');
    expect(shown("'a  b'.tokenize(' ')")).toBe('[a, b]');
    expect(shown("'x.fq.gz'.replace('.gz', '')")).toBe('x.fq');
    expect(shown("'sample_1'.startsWith('sam')")).toBe('true');
    expect(shown("'42'.toInteger() + 1")).toBe('43');
    expect(shown("'abc'.toUpperCase()")).toBe('ABC');
  });
  it('lists: first, last, sort, unique, flatten, join, size', () => {
    expect(shown('[3, 1, 2].sort()')).toBe('[1, 2, 3]');
    expect(shown('[1, 1, 2].unique()')).toBe('[1, 2]');
    expect(shown('[[1, [2]], 3].flatten()')).toBe('[1, 2, 3]');
    expect(shown("[1, 2].join('-')")).toBe('1-2');
    expect(shown('[4, 5, 6].first() + [4, 5, 6].last() + [4, 5, 6].size()')).toBe('13');
  });
  it('maps: keySet, values, each in insertion order, subMap', () => {
    expect(shown('[b: 1, a: 2].keySet()')).toBe('[b, a]');
    expect(shown('[b: 1, a: 2].values()')).toBe('[1, 2]');
    expect(shown("def s = ''; [x: 1, y: 2].each { k, v -> s += k + v }; s")).toBe('x1y2');
    expect(shown("[a: 1, b: 2, c: 3].subMap(['a', 'c'])")).toBe('[a:1, c:3]');
  });
  it('arrays (split, listFiles) have a length', () => {
    expect(shown("'a,b,c'.split(',').length")).toBe('3');
  });
  it('maps and lists: clone is a shallow copy', () => {
    expect(shown("def m = [id: 'hsa']; def c = m.clone(); c.id = 'mmu'; [m, c]")).toBe('[[id:hsa], [id:mmu]]');
    expect(shown('def l = [1, [2]]; def c = l.clone(); c << 3; c[1] << 4; [l, c]')).toBe(
      '[[1, [2, 4]], [1, [2, 4], 3]]',
    );
  });
  it('maps: count the entries a closure accepts', () => {
    expect(shown('[a: false, b: true, c: false].count { key, value -> value == false }')).toBe('2');
    expect(shown('[a: 1].count { it.value > 5 }')).toBe('0');
  });
  it('paths: name, baseName, simpleName, extension, parent', () => {
    expect(shown("file('/d/x/sample.fq.gz').name")).toBe('sample.fq.gz');
    expect(shown("file('/d/x/sample.fq.gz').baseName")).toBe('sample.fq');
    expect(shown("file('/d/x/sample.fq.gz').simpleName")).toBe('sample');
    expect(shown("file('/d/x/sample.fq.gz').extension")).toBe('gz');
    expect(shown("file('/d/x/sample.fq.gz').parent")).toBe('/d/x');
  });
  it('number units give memory and time directives', () => {
    expect(shown('2.GB')).toBe('2 GB');
    expect(shown('1.h')).toBe('1h');
  });
});

describe('string methods', () => {
  it('lastIndexOf finds the last occurrence', () => {
    expect(shown("'WF:SUB:PROC'.lastIndexOf(':')")).toBe('6');
    expect(shown("'abc'.lastIndexOf('x')")).toBe('-1');
  });
});

describe('boolean operators', () => {
  it('`&`, `|` and `^` on booleans are Groovy’s and, or and xor', () => {
    expect(shown('!false & !false')).toBe('true');
    expect(shown('true & false')).toBe('false');
    expect(shown('def v = false\nv |= true\nv')).toBe('true');
    expect(shown('true ^ true')).toBe('false');
    expect(shown('6 & 3')).toBe('2');
  });
});

describe('scopes', () => {
  it('a name assigned without `def` in an if, loop or try body is read after it, as Groovy binds it', () => {
    expect(shown("if (true) { ch = 'set in if' } else { ch = 'else' }\nch")).toBe('set in if');
    expect(shown('for (i in 1..3) { last = i }\nlast')).toBe('3');
    expect(shown("try { t = 'in try' } catch (Exception e) { }\nt")).toBe('in try');
  });
  it('a name declared with `def` in a block stays in it', () => {
    expect(() => run('if (true) { def inner = 1 }\ninner')).toThrow(/unknown name `inner`/);
  });
});

describe('negated operators', () => {
  it('`!in` and `!instanceof` are the negation of `in` and `instanceof`, as in Groovy 3', () => {
    expect(shown("'c' !in ['a', 'b']")).toBe('true');
    expect(shown("'a' !in ['a', 'b']")).toBe('false');
    expect(shown("'a' !instanceof String")).toBe('false');
    expect(shown('1 !instanceof String && !false')).toBe('true');
  });
});

describe('import', () => {
  it('binds the simple name of a class pipe implements, for `new` and static members', () => {
    expect(shown('import org.yaml.snakeyaml.Yaml\nnew Yaml().dump([a: 1]).trim()')).toBe('a: 1');
    expect(shown('import groovy.json.JsonOutput\nJsonOutput.toJson([a: 1])')).toBe('{"a":1}');
    expect(shown('import nextflow.extension.FilesEx\nFilesEx')).toBe('class nextflow.extension.FilesEx');
  });
  it('of a class pipe does not implement is an error naming it', () => {
    expect(() => run('import java.net.URL')).toThrow(/`import java.net.URL` is not supported: pipe does not implement/);
  });
});

describe('errors', () => {
  it('name an unknown method with the receiver and its position', () => {
    expect(() => run("def s = 'x'\ns.nope()")).toThrow(/unknown method `nope` on String `x`/);
  });
  it('name an unknown variable', () => {
    expect(() => run('missing + 1')).toThrow(/unknown name `missing`/);
    // a thrown exception shows its message, not the map pipe holds it in
    expect(() => run("throw new Exception('no .1.ebwt file')")).toThrow(/the script threw: no \.1\.ebwt file$/m);
  });
  it('println writes to the log, not stdout', () => {
    expect(run("println 'hi'").logged).toEqual(['hi']);
  });
});

describe('globals', () => {
  it('System.currentTimeMillis and nanoTime read the clock; String.valueOf shows a value', () => {
    const before = Date.now();
    expect(Number(shown('System.currentTimeMillis()'))).toBeGreaterThanOrEqual(before);
    expect(shown('def a = System.nanoTime()\ndef b = System.nanoTime()\nb >= a')).toBe('true');
    expect(shown('String.valueOf(12)')).toBe('12');
  });
});
