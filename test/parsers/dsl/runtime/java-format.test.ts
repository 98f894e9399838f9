// Java's format strings through String.format, sprintf and printf (java.util.Formatter's conversions and flags).
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const value = (code: string): unknown => run(code).value;

describe('String.format / sprintf', () => {
  it('fills %s, %d, %f, %x, %o, %c, %b, %e, %g, %% and %n as Java does', () => {
    expect(value("String.format('%s has %d reads (%.2f%%)%n', 'S1', 42, 12.3456)")).toBe('S1 has 42 reads (12.35%)\n');
    expect(value("sprintf('%x %X %o %#x %c %b %B', 255, 255, 8, 255, 65, null, 'x')")).toBe(
      'ff FF 10 0xff A false TRUE',
    );
    expect(value("sprintf('%e|%.3E|%g|%.3g', 12345.678, 0.00012, 0.5, 123456.0)")).toBe(
      '1.234568e+04|1.200E-04|0.500000|1.23e+05',
    );
  });

  it('pads to widths with the -, 0, +, space, comma and ( flags', () => {
    expect(value("String.format('[%5s][%-5s][%05d][%+d][% d][%,d][%(d]', 'ab', 'ab', -42, 7, 7, 1234567, -3)")).toBe(
      '[   ab][ab   ][-0042][+7][ 7][1,234,567][(3)]',
    );
    expect(value("String.format('%8.3f|%-8.1f|%,.2f', 3.14159, 2.0, 1234.5)")).toBe('   3.142|2.0     |1,234.50');
  });

  it('takes arguments by index (%2$s) and again (%<s)', () => {
    expect(value("String.format('%2$s %1$s %<s', 'a', 'b')")).toBe('b a a');
  });

  it('returns a format without specifiers as it is (nf-core’s logo)', () => {
    expect(value('String.format("""\\n  nf-core/x\\n""")')).toBe('\n  nf-core/x\n');
  });

  it('prints with printf', () => {
    expect(run("printf('%s=%03d\\n', 'n', 5)").logged).toEqual(['n=005']);
  });

  it('names a missing argument or an unknown conversion', () => {
    expect(() => run("String.format('%s %s', 'a')")).toThrow(/cannot format "%s %s": `%s` has no argument to format/);
    expect(() => run("String.format('%q', 1)")).toThrow(/unknown format conversion `%q`/);
    expect(() => run("String.format('%d', 'x')")).toThrow(/`%d` needs an integer, not the string 'x'/);
  });
});

describe('List.containsAll', () => {
  it('is true when every item of the argument is in the list', () => {
    expect(value("['a', 'b', 'c'].containsAll(['c', 'a'])")).toBe(true);
    expect(value("['a', 'b'].containsAll(['a', 'z'])")).toBe(false);
    expect(value('[1, 2].containsAll([])')).toBe(true);
  });
});
