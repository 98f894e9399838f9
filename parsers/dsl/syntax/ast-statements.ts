// AST of Groovy statements, shared by scripts, closures, functions, process and workflow bodies.
import type { Expression, Position } from './ast-expressions.js';

export type Statement =
  | ExpressionStatement
  | Assignment
  | VariableDeclaration
  | Destructuring
  | IfStatement
  | ForStatement
  | ClassicForStatement
  | WhileStatement
  | TryStatement
  | ReturnStatement
  | ThrowStatement
  | AssertStatement
  | JumpStatement
  | ImportStatement
  | TypedName;

export interface ExpressionStatement {
  readonly kind: 'expressionStatement';
  readonly expression: Expression;
  readonly pos: Position;
}

// target op value, op one of = += -= *= /=; target is a name, property or index.
export interface Assignment {
  readonly kind: 'assignment';
  readonly target: Expression;
  readonly operator: '=' | '+=' | '-=' | '*=' | '/=' | '|=' | '&=' | '^=';
  readonly value: Expression;
  readonly pos: Position;
}

// def x = value, def x, String x = value
export interface VariableDeclaration {
  readonly kind: 'variableDeclaration';
  readonly name: string;
  readonly type?: string;
  readonly value?: Expression;
  readonly pos: Position;
}

// name: Type, name: Type = value: a strict-syntax declaration (a process input or output, a workflow's take: or
// emit: entry, a param of a `params { }` block, a record field); `type` is its text (`List<String>`, `Path?`).
export interface TypedName {
  readonly kind: 'typedName';
  readonly name: string;
  readonly type: string;
  readonly value?: Expression;
  readonly pos: Position;
}

// (a, b) = value, def (a, b) = value
export interface Destructuring {
  readonly kind: 'destructuring';
  readonly names: readonly string[];
  readonly declared: boolean;
  readonly value: Expression;
  readonly pos: Position;
}

export interface IfStatement {
  readonly kind: 'if';
  readonly condition: Expression;
  readonly then: readonly Statement[];
  readonly otherwise?: readonly Statement[];
  readonly pos: Position;
}

// for (name in iterable)
export interface ForStatement {
  readonly kind: 'for';
  readonly variable: string;
  readonly iterable: Expression;
  readonly body: readonly Statement[];
  readonly pos: Position;
}

// for (init; condition; update): init declarations or assignments, then the body and update while condition holds
// (always when absent)
export interface ClassicForStatement {
  readonly kind: 'classicFor';
  readonly init: readonly Statement[];
  readonly condition?: Expression;
  readonly update: readonly Statement[];
  readonly body: readonly Statement[];
  readonly pos: Position;
}

export interface WhileStatement {
  readonly kind: 'while';
  readonly condition: Expression;
  readonly body: readonly Statement[];
  readonly pos: Position;
}

export interface CatchClause {
  readonly types: readonly string[];
  readonly name: string;
  readonly body: readonly Statement[];
  readonly pos: Position;
}

export interface TryStatement {
  readonly kind: 'try';
  readonly body: readonly Statement[];
  readonly catches: readonly CatchClause[];
  readonly finally?: readonly Statement[];
  readonly pos: Position;
}

export interface ReturnStatement {
  readonly kind: 'return';
  readonly value?: Expression;
  readonly pos: Position;
}

export interface ThrowStatement {
  readonly kind: 'throw';
  readonly value: Expression;
  readonly pos: Position;
}

export interface AssertStatement {
  readonly kind: 'assert';
  readonly condition: Expression;
  readonly message?: Expression;
  readonly pos: Position;
}

export interface JumpStatement {
  readonly kind: 'break' | 'continue';
  readonly pos: Position;
}

// import a.b.C, import a.b.*
export interface ImportStatement {
  readonly kind: 'import';
  readonly name: string;
  readonly wildcard: boolean;
  readonly pos: Position;
}
