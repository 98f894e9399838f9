// Finds the next `$(...)`, `${...}` or backslash escape in a CWL string, as the spec's single-pass scanner does.
// https://www.commonwl.org/v1.2/CommandLineTool.html#Expressions_(Optional)

// Scanner states; a stack of them tracks nesting of brackets and quotes inside an expression.
const State = {
  Text: 0,
  Dollar: 1,
  Paren: 2,
  Brace: 3,
  SingleQuote: 4,
  DoubleQuote: 5,
  Backslash: 6,
} as const;
type State = (typeof State)[keyof typeof State];

// A span of the scanned string: `$(...)`/`${...}` (kind 'expression') or a backslash and the character after it.
export interface ScannedSpan {
  readonly kind: 'expression' | 'escape';
  readonly start: number;
  readonly end: number; // exclusive
}

// An expression that opens but never closes; `start` is where its `$` is.
export class UnfinishedExpression extends Error {
  constructor(readonly start: number) {
    super(`unfinished expression starting at position ${start}`);
  }
}

// The first expression or escape at or after `from`, or undefined when the rest of the string is plain text.
export function scanNext(text: string, from = 0): ScannedSpan | undefined {
  const stack: State[] = [State.Text];
  let start = from;
  for (let i = from; i < text.length; i++) {
    const state = stack[stack.length - 1] ?? State.Text;
    const c = text[i];
    switch (state) {
      case State.Text:
        if (c === '$') stack.push(State.Dollar);
        else if (c === '\\') stack.push(State.Backslash);
        break;
      case State.Backslash:
        stack.pop();
        if (stack.length === 1) return { kind: 'escape', start: i - 1, end: i + 1 };
        break;
      case State.Dollar:
        if (c === '(' || c === '{') {
          start = i - 1;
          stack.push(c === '(' ? State.Paren : State.Brace);
        } else {
          stack.pop();
          i--; // look at this character again as plain text: `$$(` still opens at the second `$`
        }
        break;
      case State.Paren:
      case State.Brace: {
        const [open, close] = state === State.Paren ? ['(', ')'] : ['{', '}'];
        if (c === open) stack.push(state);
        else if (c === close) {
          stack.pop();
          if (stack[stack.length - 1] === State.Dollar) return { kind: 'expression', start, end: i + 1 };
        } else if (c === "'") stack.push(State.SingleQuote);
        else if (c === '"') stack.push(State.DoubleQuote);
        break;
      }
      case State.SingleQuote:
      case State.DoubleQuote:
        if (c === (state === State.SingleQuote ? "'" : '"')) stack.pop();
        else if (c === '\\') stack.push(State.Backslash);
        break;
      default: {
        const never: never = state;
        return never;
      }
    }
  }
  // A trailing lone `$` or `\` is plain text; anything deeper is an expression left open.
  const top = stack[1];
  if (stack.length > 2 || (stack.length === 2 && top !== State.Dollar && top !== State.Backslash)) {
    throw new UnfinishedExpression(start);
  }
  return undefined;
}

// Whether a value is a string holding `$(` or `${`, the only strings CWL evaluates (all others are taken literally).
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && (value.includes('$(') || value.includes('${'));
}
