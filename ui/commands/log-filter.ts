// `pipe log -F EXPR`: the Groovy boolean expressions `nextflow log -F` takes over a task's fields, e.g.
// `process == 'bar'`, `status != 'COMPLETED' && exit > 0`, `name =~ /foo.*/`. A lone `=` compares, as Nextflow's
// CmdHelper.fixEqualsOp makes it. Operators: || && ! == != < <= > >= =~ (find) ==~ (whole match), parentheses.
import { UsageError } from '../../engine/errors.js';
import { closestMatch } from '../../parsers/common/edit-distance.js';

type Value = string | number | boolean | null;
type Token =
  | { kind: 'op'; text: string; at: number }
  | { kind: 'value'; value: Value; at: number }
  | { kind: 'regex'; source: string; at: number }
  | { kind: 'name'; text: string; at: number };

// An expression tree, evaluated against a lookup of field values.
type Expr =
  | { kind: 'lit'; value: Value }
  | { kind: 'regex'; source: string }
  | { kind: 'field'; name: string }
  | { kind: 'not'; expr: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr };

export type FieldLookup = (name: string) => string | number | undefined;
export type LogFilter = (lookup: FieldLookup) => boolean;

const OPERATORS = ['==~', '=~', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '='];

// The error for a filter that cannot be read, pointing at the column.
function filterError(source: string, at: number, what: string): UsageError {
  return new UsageError(`-F filter column ${at + 1}: ${what} in \`${source}\``, {
    hint: "write a Groovy condition over task fields, e.g. -F \"process == 'bar' && status == 'COMPLETED'\"",
  });
}

// Splits a filter into tokens; a `/` where a value is expected opens a regular expression.
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const expectsValue = (): boolean => {
    const last = tokens[tokens.length - 1];
    return last === undefined || (last.kind === 'op' && last.text !== ')');
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === "'" || c === '"' || (c === '/' && expectsValue())) {
      let text = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== c; j++) {
        if (source[j] === '\\' && j + 1 < source.length) {
          j++;
          text += c === '/' && source[j] !== '/' ? `\\${source[j]}` : (source[j] as string);
        } else text += source[j];
      }
      if (j >= source.length) throw filterError(source, i, `unclosed ${c}`);
      tokens.push(c === '/' ? { kind: 'regex', source: text, at: i } : { kind: 'value', value: text, at: i });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const number = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))?.[0] as string;
      tokens.push({ kind: 'value', value: Number(number), at: i });
      i += number.length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const word = /^[A-Za-z_$][\w$]*/.exec(source.slice(i))?.[0] as string;
      const literal = ({ true: true, false: false, null: null } as Record<string, Value>)[word];
      tokens.push(
        literal === undefined ? { kind: 'name', text: word, at: i } : { kind: 'value', value: literal, at: i },
      );
      i += word.length;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (op === undefined) throw filterError(source, i, `unexpected \`${c}\``);
      tokens.push({ kind: 'op', text: op === '=' ? '==' : op, at: i });
      i += op.length;
    }
  }
  return tokens;
}

const LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], ['==', '!=', '=~', '==~', '<', '<=', '>', '>=']];

// Parses tokens into an expression by precedence climbing: || below &&, && below comparisons.
function parse(source: string, tokens: readonly Token[]): Expr {
  let pos = 0;
  const peekOp = (): string | undefined => {
    const t = tokens[pos];
    return t?.kind === 'op' ? t.text : undefined;
  };
  const atOf = (): number => tokens[pos]?.at ?? source.length;
  const level = (n: number): Expr => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    for (let op = peekOp(); op !== undefined && (LEVELS[n] as readonly string[]).includes(op); op = peekOp()) {
      pos++;
      left = { kind: 'binary', op, left, right: level(n + 1) };
      if (n === 2) break; // comparisons do not chain
    }
    return left;
  };
  const unary = (): Expr => {
    const t = tokens[pos];
    if (t === undefined) throw filterError(source, source.length, 'the condition ends early');
    pos++;
    if (t.kind === 'value') return { kind: 'lit', value: t.value };
    if (t.kind === 'regex') return { kind: 'regex', source: t.source };
    if (t.kind === 'name') return { kind: 'field', name: t.text };
    if (t.text === '!') return { kind: 'not', expr: unary() };
    if (t.text === '(') {
      const inner = level(0);
      if (peekOp() !== ')') throw filterError(source, atOf(), 'expected `)`');
      pos++;
      return inner;
    }
    throw filterError(source, t.at, `unexpected \`${t.text}\``);
  };
  const expr = level(0);
  if (pos < tokens.length) throw filterError(source, atOf(), 'unexpected text after the condition');
  return expr;
}

// Groovy truth: null, false, 0 and '' are false.
function truthy(value: Value): boolean {
  return value !== null && value !== false && value !== 0 && value !== '';
}

// Compares two values as Groovy does for these types: numbers by value, strings by text, never a number to a string.
function compare(op: string, a: Value, b: Value): boolean {
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  if (a === null || b === null || typeof a !== typeof b) return false;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
}

// Compiles a filter; `fields` are the names a filter may use (an unknown name is an error with the closest one).
export function compileLogFilter(source: string, fields: readonly string[]): LogFilter {
  const tree = parse(source, tokenize(source));
  const check = (e: Expr): void => {
    if (e.kind === 'field' && !fields.includes(e.name)) {
      const near = closestMatch(e.name, fields);
      throw new UsageError(`-F filter: no task field \`${e.name}\``, {
        hint: near === undefined ? 'list the fields with `pipe log -l`' : `did you mean \`${near}\`?`,
      });
    }
    if (e.kind === 'not') check(e.expr);
    if (e.kind === 'binary') [e.left, e.right].forEach(check);
  };
  check(tree);
  const evaluate = (e: Expr, lookup: FieldLookup): Value => {
    switch (e.kind) {
      case 'lit':
        return e.value;
      case 'regex':
        return e.source;
      case 'field':
        return lookup(e.name) ?? null;
      case 'not':
        return !truthy(evaluate(e.expr, lookup));
      case 'binary': {
        const left = evaluate(e.left, lookup);
        if (e.op === '&&') return truthy(left) && truthy(evaluate(e.right, lookup));
        if (e.op === '||') return truthy(left) || truthy(evaluate(e.right, lookup));
        const right = evaluate(e.right, lookup);
        if (e.op === '=~' || e.op === '==~') {
          if (left === null || right === null) return false;
          const pattern = e.op === '==~' ? `^(?:${String(right)})$` : String(right);
          return new RegExp(pattern).test(String(left));
        }
        return compare(e.op, left, right);
      }
      default: {
        const never: never = e;
        return never;
      }
    }
  };
  return (lookup) => truthy(evaluate(tree, lookup));
}
