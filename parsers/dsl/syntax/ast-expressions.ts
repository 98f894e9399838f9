// AST of Groovy expressions: a discriminated union on `kind`, every node with its source position.

// Where a node starts: 1-based line and column, 0-based character offset.
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export type Expression =
  | NumberLiteral
  | StringLiteral
  | GStringLiteral
  | BooleanLiteral
  | NullLiteral
  | ThisExpression
  | Identifier
  | PropertyAccess
  | IndexAccess
  | CallExpression
  | MethodCall
  | ListLiteral
  | MapLiteral
  | RangeExpression
  | ClosureExpression
  | BinaryExpression
  | UnaryExpression
  | PostfixExpression
  | TernaryExpression
  | ElvisExpression
  | TypeTest
  | NewExpression
  | SpreadArgument;

// 42, 1.5, 0x1F, 10L: `raw` keeps the text (with suffix); `value` is the number.
export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  readonly raw: string;
  readonly integer: boolean;
  readonly pos: Position;
}

export type Quote = "'" | '"' | "'''" | '"""' | '/';

// A string without interpolation, escapes resolved.
export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly quote: Quote;
  readonly pos: Position;
}

// A double-quoted or slashy string with `$name` / `${expr}` parts.
export interface GStringLiteral {
  readonly kind: 'gstring';
  readonly parts: readonly GStringPart[];
  readonly quote: Quote;
  readonly pos: Position;
}

export type GStringPart =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'interpolation'; readonly expression: Expression };

export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
  readonly pos: Position;
}

export interface NullLiteral {
  readonly kind: 'null';
  readonly pos: Position;
}

export interface ThisExpression {
  readonly kind: 'this';
  readonly pos: Position;
}

// A name; also a type written as a value (`tuple(id: String, reads: List<Path>)`), named by the type's text.
export interface Identifier {
  readonly kind: 'identifier';
  readonly name: string;
  readonly pos: Position;
}

// How a member is reached: `.`, `?.` (null-safe) or `*.` (spread over a collection).
export type Navigation = '.' | '?.' | '*.';

// object.name (also `2.GB`, `params.outdir`, `FOO.out`).
export interface PropertyAccess {
  readonly kind: 'property';
  readonly object: Expression;
  readonly name: string;
  readonly navigation: Navigation;
  readonly pos: Position;
}

// object[index] or object[a, b].
export interface IndexAccess {
  readonly kind: 'index';
  readonly object: Expression;
  readonly indices: readonly Expression[];
  readonly pos: Position;
}

export interface NamedArgument {
  readonly name: string;
  readonly value: Expression;
  readonly pos: Position;
}

// Arguments as Groovy passes them: named ones (gathered into a map), then positional ones; a trailing closure is the
// last positional argument.
export interface Arguments {
  readonly args: readonly Expression[];
  readonly namedArgs: readonly NamedArgument[];
}

// callee(args): `FOO(a, b)`, `file(x)`, `println x` (command: true), `map { }`.
export interface CallExpression extends Arguments {
  readonly kind: 'call';
  readonly callee: Expression;
  readonly command: boolean;
  readonly pos: Position;
}

// object.name(args): `Channel.of(1)`, `ch.map { }`, `log.info "x"` (command: true).
export interface MethodCall extends Arguments {
  readonly kind: 'methodCall';
  readonly object: Expression;
  readonly name: string;
  readonly navigation: Navigation;
  readonly command: boolean;
  readonly pos: Position;
}

export interface ListLiteral {
  readonly kind: 'list';
  readonly elements: readonly Expression[];
  readonly pos: Position;
}

// [a: 1, 'b': 2, (k): 3]: a bare-name key is the string 'a'.
export interface MapLiteral {
  readonly kind: 'map';
  readonly entries: readonly MapEntry[];
  readonly pos: Position;
}

export interface MapEntry {
  readonly key: Expression;
  readonly value: Expression;
  readonly pos: Position;
}

// from..to, from..<to
export interface RangeExpression {
  readonly kind: 'range';
  readonly from: Expression;
  readonly to: Expression;
  readonly exclusive: boolean;
  readonly pos: Position;
}

export interface Parameter {
  readonly name: string;
  readonly type?: string;
  readonly defaultValue?: Expression;
  readonly pos: Position;
}

// { a, b -> … } (explicitParameters: true) or { … } with the implicit `it`. The closure of `branch` or `multiMap`
// (and only that one: the syntax layer rejects labels elsewhere) also holds `{ kind: 'label', name, pos }` items
// between its statements, `small: it < 5` giving a label then a statement; the runtime's operators-fork.ts splits the
// body at them. The type leaves them out so that evaluating any other closure body needs no case for them.
export interface ClosureExpression {
  readonly kind: 'closure';
  readonly params: readonly Parameter[];
  readonly explicitParameters: boolean;
  readonly body: readonly import('./ast-statements.js').Statement[];
  readonly pos: Position;
}

export const BINARY_OPERATORS = [
  '**',
  '*',
  '/',
  '%',
  '+',
  '-',
  '<<',
  '>>',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  '==',
  '!=',
  '<=>',
  '=~',
  '==~',
  '&',
  '^',
  '|',
  '&&',
  '||',
] as const;
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];

// left op right; `|` is Nextflow's pipe (`ch | map { } | FOO`).
export interface BinaryExpression {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly pos: Position;
}

export interface UnaryExpression {
  readonly kind: 'unary';
  readonly operator: '!' | '-' | '+' | '~';
  readonly operand: Expression;
  readonly pos: Position;
}

// x++, x--
export interface PostfixExpression {
  readonly kind: 'postfix';
  readonly operator: '++' | '--';
  readonly operand: Expression;
  readonly pos: Position;
}

export interface TernaryExpression {
  readonly kind: 'ternary';
  readonly condition: Expression;
  readonly whenTrue: Expression;
  readonly whenFalse: Expression;
  readonly pos: Position;
}

// value ?: fallback
export interface ElvisExpression {
  readonly kind: 'elvis';
  readonly value: Expression;
  readonly fallback: Expression;
  readonly pos: Position;
}

// x instanceof Type, x as Type
export interface TypeTest {
  readonly kind: 'instanceof' | 'as';
  readonly value: Expression;
  readonly type: string;
  readonly pos: Position;
}

// new File(path)
export interface NewExpression extends Arguments {
  readonly kind: 'new';
  readonly type: string;
  readonly pos: Position;
}

// *list in an argument list.
export interface SpreadArgument {
  readonly kind: 'spread';
  readonly value: Expression;
  readonly pos: Position;
}
