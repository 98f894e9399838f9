// Variable scopes: a chain of maps, innermost first, as closures, workflow bodies and tasks nest them.

export interface Scope {
  readonly vars: Map<string, unknown>;
  readonly parent?: Scope | undefined;
  // The body of an if, loop or try: it holds what it declares (`def x`), while a name assigned there without a
  // declaration lands in the enclosing body, as Groovy binds it (set in an `if`, read after it).
  readonly block?: boolean | undefined;
}

// Creates a scope inside `parent`, optionally with variables.
export function childScope(parent: Scope | undefined, vars: Iterable<[string, unknown]> = []): Scope {
  return { vars: new Map(vars), parent };
}

// Creates the scope of an if, loop or try body inside `parent`.
export function blockScope(parent: Scope, vars: Iterable<[string, unknown]> = []): Scope {
  return { vars: new Map(vars), parent, block: true };
}

// The scope that holds `name`, or undefined.
export function findScope(scope: Scope | undefined, name: string): Scope | undefined {
  for (let s = scope; s !== undefined; s = s.parent) if (s.vars.has(name)) return s;
  return undefined;
}

// Assigns `name`: in the scope that already holds it, else in the body `scope` belongs to (past if/loop/try blocks).
export function assignVar(scope: Scope, name: string, value: unknown): void {
  let target = findScope(scope, name);
  if (target === undefined) {
    target = scope;
    while (target.block === true && target.parent !== undefined) target = target.parent;
  }
  target.vars.set(name, value);
}
