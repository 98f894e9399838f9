// Control flow as exceptions: `return`, `break` and `continue` leave the enclosing body by throwing these.

// Thrown by `return` to leave the enclosing closure or function.
export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

// Thrown by `break` and `continue` inside loops.
export class JumpSignal {
  constructor(readonly jump: 'break' | 'continue') {}
}
