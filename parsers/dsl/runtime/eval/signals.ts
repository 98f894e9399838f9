// Control flow as exceptions: `return`, `break` and `continue` leave the enclosing body by throwing these.
import type { Position } from '../../syntax/ast-expressions.js';

// Thrown by `return` to leave the enclosing closure or function.
export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

// Thrown by `break` and `continue` inside loops; one that reaches a closure's or function's edge is an error there.
export class JumpSignal {
  constructor(
    readonly jump: 'break' | 'continue',
    readonly pos: Position,
  ) {}
}
