// Scripts that run away or misuse control flow end in a located error (or run as Groovy runs them), never in a
// JavaScript error: what the DSL build fuzz test found.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseError } from '../../../../engine/errors.js';
import { parse } from '../../../../parsers/parse.js';

const dir = mkdtempSync(join(tmpdir(), 'pipe-dsl-runaway-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

// Builds `script` as `pipe check` does; what it printed, or the error it threw.
async function build(script: string): Promise<{ printed: string[] } | { error: unknown }> {
  const file = join(dir, `case${count++}.nf`);
  writeFileSync(file, script);
  const printed: string[] = [];
  try {
    await parse(file, { validateOnly: true, launchDir: dir, console: { out: (t) => printed.push(t), log: () => {} } });
    return { printed };
  } catch (error) {
    return { error };
  }
}

// Expects a ParseError (or subclass) at line:col whose message contains `text`.
async function expectRefused(script: string, text: string, line: number, column?: number): Promise<void> {
  const result = await build(script);
  expect(result).toHaveProperty('error');
  const error = (result as { error: ParseError }).error;
  expect(error).toBeInstanceOf(ParseError);
  expect(error.message).toContain(text);
  expect(error.location?.line).toBe(line);
  if (column !== undefined) expect(error.location?.column).toBe(column);
}

describe('DSL control flow at the edges of bodies', () => {
  it('ends a workflow body at `return`, as Groovy ends the closure', async () => {
    expect(await build('workflow {\n  println "before"\n  return\n  println "after"\n}\n')).toEqual({
      printed: ['before\n'],
    });
  });

  it('ends the script at a top-level `return`', async () => {
    expect(await build('println 1\nreturn\nprintln 2\n')).toEqual({ printed: ['1\n'] });
  });

  it('refuses `break` and `continue` outside a loop, also in a closure inside one', async () => {
    await expectRefused('break\n', '`break` outside a loop', 1, 1);
    await expectRefused('for (x in [1]) {\n  [1].each { continue }\n}\n', '`continue` outside a loop', 2, 14);
  });
});

describe('DSL scripts that run away', () => {
  it('names the body of a function that recurses without end', async () => {
    await expectRefused('def f(n) {\n  f(n + 1)\n}\nf(1)\n', 'calls nest too deep here', 2, 3);
  });

  it('refuses a range too long to make', async () => {
    await expectRefused('x = 1..2000000000\n', 'the range `1..2000000000` is too long', 1, 5);
  });

  it('refuses a string too long to make', async () => {
    await expectRefused('x = "ab" * 2000000000\n', 'a value here is too large', 1, 1);
  });

  it('stops a while loop or a C-style for loop after a million turns', async () => {
    await expectRefused('workflow {\n  def i = 0\n  while (i < 3) { }\n}\n', 'the loop ran 1,000,000 times', 3, 3);
    await expectRefused('x = 0\nfor (;;) { x++ }\n', 'the loop ran 1,000,000 times', 2, 1);
  });

  it('prints a list or map that holds itself as Groovy does', async () => {
    expect(await build('x = [1]\nx.add(x)\nprintln x\nm = [a: 1]\nm.b = m\nprintln m\n')).toEqual({
      printed: ['[1, (this Collection)]\n', '[a:1, b:(this Map)]\n'],
    });
  });
});

describe('DSL syntax that used to crash the parser', () => {
  it('names the named argument after an expression that cannot take arguments', async () => {
    await expectRefused('a == b c: 1\n', 'only a name or `object.method` can take arguments', 1, 8);
  });

  it('refuses brackets nested over 200 deep at the first one too deep', async () => {
    await expectRefused(`x = ${'('.repeat(300)}1${')'.repeat(300)}\n`, 'brackets nest more than 200 deep', 1, 205);
  });

  it('refuses an expression chained too deep to parse, naming the file', async () => {
    const result = await build(`x = ${'1 ? 2 : '.repeat(5000)}1\n`);
    const error = (result as { error: ParseError }).error;
    expect(error).toBeInstanceOf(ParseError);
    expect(error.message).toContain('nests expressions too deeply to be read');
    expect(error.location?.file).toMatch(/case\d+\.nf$/);
  });
});
