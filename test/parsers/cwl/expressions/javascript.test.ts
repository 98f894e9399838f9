import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createExpressionEvaluator, ExpressionFailure } from '../../../../parsers/cwl/expressions/index.js';
import type { ExpressionRequirements } from '../../../../parsers/cwl/expressions/index.js';
import { failure } from './failure.js';

const context = {
  inputs: { quote: 'Hello', a_new_var: 3, d: { class: 'Directory', location: 'file:///data/d' }, names: ['x', 'y'] },
  self: [{ contents: '42\n' }],
  runtime: { outdir: '/work/out', tmpdir: '/work/tmp', cores: 2, ram: 1024 },
};
const javascript: ExpressionRequirements = { javascript: true, cwlVersion: 'v1.2' };

describe('JavaScript expressions under InlineJavascriptRequirement', () => {
  const evaluator = createExpressionEvaluator({ timeoutMs: 300, workers: 2 });
  afterAll(() => evaluator.close());
  const evaluate = (text: string, requirements: ExpressionRequirements = javascript): Promise<unknown> =>
    evaluator.evaluate(text, context, requirements);

  // Expressions taken from the conformance suite, and cwltool's results for them.
  it.each([
    ['$(parseInt(self[0].contents))', 42],
    ['$(inputs.a_new_var > 2)', true],
    ['$(inputs.d.listing === undefined)', true],
    ['$(inputs.names.length)', 2],
    ['$(runtime.cores)', 2],
    ['${ return {"out": inputs.names.map(function (n) { return n + ")"; })}; }', { out: ['x)', 'y)'] }],
    ['$(1/3)', 0.3333333333333333],
    ['$(9007199254740993)', 9007199254740992],
    ['$(true)', true],
    ['$([1, undefined, function () {}, NaN])', [1, null, null, null]],
    ['$({a: undefined, b: 1})', { b: 1 }],
  ])('evaluates %s to %j', async (text, expected) => {
    expect(await evaluate(text)).toEqual(expected);
  });

  it('evaluates ${...} as the body of a function and $(...) as an expression', async () => {
    expect(await evaluate('${ var n = 0; for (var i = 0; i < 4; i++) n += i; return n; }')).toBe(6);
    expect(await evaluate('$( (function () { return "nested ) paren"; })() )')).toBe('nested ) paren');
  });

  it('splices results into longer strings as cwltool does', async () => {
    expect(await evaluate('a $(1e21) $(1e-7) $(0.00001) $(2e16) $(1/3) b')).toBe(
      'a 1e+21 1e-07 1e-05 20000000000000000 0.3333333333333333 b',
    );
    expect(await evaluate('v=$({b: [1.5, "é"], a: null})')).toBe('v={"a": null, "b": [1.5, "\\u00e9"]}');
    expect(await evaluate('-$(inputs.quote + ")")-')).toBe('-Hello)-');
  });

  it('keeps a Dirent entry whole when whitespace is not stripped (conformance test js-quote.cwl)', async () => {
    const entry = "${return 'quote \"' + inputs.quote + '\"'}\n";
    expect(await evaluate(entry, { ...javascript, stripWhitespace: false })).toBe('quote "Hello"\n');
  });

  it('runs expressionLib code before the expression (conformance test js-expr-req-wf.cwl)', async () => {
    const withLib = {
      ...javascript,
      expressionLib: ['function foo() { return 2; }', 'function twice() { return inputs.a_new_var * foo(); }'],
    };
    expect(await evaluate('$(foo())', withLib)).toBe(2);
    expect(await evaluate('$(twice() + 1)', withLib)).toBe(7);
    await expect(evaluate('$(foo())')).rejects.toThrow('ReferenceError: foo is not defined');
  });

  it('reports an expressionLib that throws', async () => {
    const error = await failure(evaluate('$(1)', { ...javascript, expressionLib: ['null.x;'] }));
    expect(error.failure).toBe(ExpressionFailure.Exception);
    expect(error.message).toContain('in expressionLib: TypeError');
  });

  it('runs in strict mode', async () => {
    const error = await failure(evaluate('${ undeclared = 1; return undeclared; }'));
    expect(error.message).toContain('ReferenceError: undeclared is not defined');
  });

  it('does not let one evaluation see globals another one set', async () => {
    expect(await evaluate('${ globalThis.leak = 1; return typeof leak; }')).toBe('number');
    expect(await evaluate('$(typeof leak)')).toBe('undefined');
  });

  it('reports an exception with the expression text and the JavaScript error', async () => {
    const location = { file: 'wf.cwl', line: 3, column: 9 };
    const error = await failure(evaluate('${ throw new RangeError("boom"); }', { ...javascript, location }));
    expect(error.failure).toBe(ExpressionFailure.Exception);
    expect(error.expression).toBe('${ throw new RangeError("boom"); }');
    expect(error.message).toBe('JavaScript expression ${ throw new RangeError("boom"); } failed: RangeError: boom');
    expect(error.location).toEqual(location);
    expect((await failure(evaluate('${ throw "plain"; }'))).message).toContain('uncaught plain');
    expect((await failure(evaluate('$(inputs.)'))).message).toContain('SyntaxError');
  });

  it('fails on undefined and other results JSON cannot hold, as cwltool does', async () => {
    for (const text of ['$(undefined)', '${ return; }', '$(function () {})', '$(inputs.nope)']) {
      expect((await failure(evaluate(text))).failure).toBe(ExpressionFailure.Undefined);
    }
  });

  it.each([
    ['$(require("fs"))', 'ReferenceError: require is not defined'],
    ['$(process.pid)', 'ReferenceError: process is not defined'],
    ['$(fetch("http://localhost/"))', 'ReferenceError: fetch is not defined'],
    ['$(globalThis.constructor.constructor("return process")().pid)', 'ReferenceError: process is not defined'],
    ['$(import("node:fs"))', 'import() is not available in CWL expressions'],
    ['$(new Promise(function () {}))', 'returned a Promise'],
    ['$(new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])))', 'WebAssembly'],
  ])('denies %s', async (text, message) => {
    const error = await failure(evaluate(text));
    expect(error.message).toContain(message);
  });

  it('fails an expression that calls import(), and reaches no host object through its rejection', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'pipe-sandbox-')), 'pwned');
    const escape = `e.constructor.constructor('return process')().getBuiltinModule('child_process').execSync('id > ${marker}')`;
    const text = `\${ import('x').catch(function (e) { ${escape}; }); return {r: 1}; }`;
    const error = await failure(evaluate(text));
    expect(error.failure).toBe(ExpressionFailure.Exception);
    expect(error.message).toContain('import() is not available in CWL expressions');
    const realm =
      '${ var r = {}; import("x").catch(function (e) { r.p = e.constructor.constructor("return typeof process")(); }); return r; }';
    await failure(evaluate(realm));
    expect(await evaluate('$(2)')).toBe(2);
    expect(existsSync(marker)).toBe(false);
  });

  it('gives each scope a context of its own: prototype changes in one do not reach another', async () => {
    const one = evaluator.scope('one');
    const two = evaluator.scope('two');
    const tamper =
      '${ Array.prototype.toJSON = function () { return "changed"; }; Object.prototype.extra = 1; return [1]; }';
    expect(await one.evaluate(tamper, context, javascript)).toBe('changed');
    expect(await two.evaluate('$([1, 2])', context, javascript)).toEqual([1, 2]);
    expect(await two.evaluate('$(typeof {a: 1}.extra)', context, javascript)).toBe('undefined');
    expect(await evaluate('$([3])')).toEqual([3]);
    expect(await one.scope('inner').evaluate('$([4])', context, javascript)).toEqual([4]);
  });

  it('keeps expressionLib state within a scope, and runs the lib afresh in another', async () => {
    const counter = { ...javascript, expressionLib: ['var count = 0; function next() { count += 1; return count; }'] };
    const a = evaluator.scope('a');
    expect(await a.evaluate('$(next())', context, counter)).toBe(1);
    expect(await a.evaluate('$(next())', context, counter)).toBe(2);
    expect(await evaluator.scope('b').evaluate('$(next())', context, counter)).toBe(1);
  });

  it('stops an endless loop at the time limit and goes on evaluating', async () => {
    const error = await failure(evaluate('${ while (true) {} }'));
    expect(error.failure).toBe(ExpressionFailure.Timeout);
    expect(error.message).toContain('ran longer than 300 ms');
    expect(await evaluate('$(inputs.a_new_var * 2)')).toBe(6);
  });

  it('kills a process stuck outside the time limit (a looping getter read while serialising the result)', async () => {
    const error = await failure(evaluate('$({ get a() { while (true) {} } })'));
    expect(error.failure).toBe(ExpressionFailure.Timeout);
    expect(await evaluate('$(inputs.quote.toUpperCase())')).toBe('HELLO');
  });

  it('evaluates many expressions in parallel, each against its own inputs', async () => {
    const jobs = Array.from({ length: 100 }, (_, index) => ({
      ...context,
      inputs: { ...context.inputs, a_new_var: index },
    }));
    const results = await Promise.all(
      jobs.map((job) => evaluator.evaluate('${ return inputs.a_new_var * 2 + 1; }', job, javascript)),
    );
    expect(results).toEqual(jobs.map((_, index) => index * 2 + 1));
  });
});

describe('the sandbox memory limits', () => {
  it('ends an evaluation that allocates without bound, and the next one runs', async () => {
    const evaluator = createExpressionEvaluator({ memoryLimitMb: 32 });
    try {
      const error = await failure(
        evaluator.evaluate('${ var a = []; while (true) a.push(new Array(1e6).fill(1)); }', context, javascript),
      );
      expect(error.failure).toBe(ExpressionFailure.Crashed);
      expect(error.message).toContain('more memory than the sandbox allows');
      expect(await evaluator.evaluate('$(1 + 1)', context, javascript)).toBe(2);
    } finally {
      await evaluator.close();
    }
  });

  it.each([
    ['${ var a = new Uint8Array(Math.pow(2, 31)); a.fill(1); return a.length; }', 'Array buffer allocation failed'],
    ['${ var m = new WebAssembly.Memory({initial: 32768}); new Uint8Array(m.buffer).fill(1); return 1; }', 'memory'],
  ])('refuses off-heap memory beyond the data limit: %s', async (text, message) => {
    const evaluator = createExpressionEvaluator({ dataLimitMb: 512 });
    try {
      const error = await failure(evaluator.evaluate(text, context, javascript));
      expect(error.failure).toBe(ExpressionFailure.Exception);
      expect(error.message).toContain(message);
      expect(await evaluator.evaluate('$(new Uint8Array(1024).length)', context, javascript)).toBe(1024);
    } finally {
      await evaluator.close();
    }
  });
});
