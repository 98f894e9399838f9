// Variable scopes: a chain of maps, innermost first, as closures, workflow bodies and tasks nest them.

export interface Scope {
  readonly vars: Map<string, unknown>;
  readonly parent?: Scope | undefined;
}

// Creates a scope inside `parent`, optionally with variables.
export function childScope(parent: Scope | undefined, vars: Iterable<[string, unknown]> = []): Scope {
  return { vars: new Map(vars), parent };
}

// The scope that holds `name`, or undefined.
export function findScope(scope: Scope | undefined, name: string): Scope | undefined {
  for (let s = scope; s !== undefined; s = s.parent) if (s.vars.has(name)) return s;
  return undefined;
}

// Assigns `name`: in the scope that already holds it, else in `scope` itself.
export function assignVar(scope: Scope, name: string, value: unknown): void {
  (findScope(scope, name) ?? scope).vars.set(name, value);
}
