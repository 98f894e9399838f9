// JSON read as Python's json.loads reads it for cwltest: a number without a point or exponent is an int of any
// size (a BigInt here), any other number a float. JavaScript's JSON.parse would turn 10**42 into the float 1e42.

// Parses JSON text; integers become BigInts, other numbers numbers. Throws SyntaxError on bad input.
export function parseExactJson(text: string): unknown {
  let at = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at offset ${at}`);
  };
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++;
  };
  const value = (): unknown => {
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      const out: Record<string, unknown> = {};
      space();
      if (text[at] === '}') return (at++, out);
      for (;;) {
        space();
        if (text[at] !== '"') fail('expected a key');
        const key = string();
        space();
        if (text[at++] !== ':') fail('expected `:`');
        out[key] = value();
        space();
        const next = text[at++];
        if (next === '}') return out;
        if (next !== ',') fail('expected `,` or `}`');
      }
    }
    if (c === '[') {
      at++;
      const out: unknown[] = [];
      space();
      if (text[at] === ']') return (at++, out);
      for (;;) {
        out.push(value());
        space();
        const next = text[at++];
        if (next === ']') return out;
        if (next !== ',') fail('expected `,` or `]`');
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|NaN|-?Infinity)/.exec(text.slice(at, at + 9))?.[0];
    if (literal !== undefined) {
      at += literal.length;
      const literals: Record<string, unknown> = { true: true, false: false, null: null, NaN: Number.NaN };
      return literal in literals ? literals[literal] : literal.startsWith('-') ? -Infinity : Infinity;
    }
    const number = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at))?.[0];
    if (number === undefined) return fail('unexpected character');
    at += number.length;
    return /[.eE]/.test(number) ? Number(number) : BigInt(number);
  };
  const string = (): string => {
    const end = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(text.slice(at))?.[0];
    if (end === undefined) return fail('unterminated string');
    at += end.length;
    return JSON.parse(end) as string;
  };
  const result = value();
  space();
  if (at < text.length) fail('unexpected text after the value');
  return result;
}
