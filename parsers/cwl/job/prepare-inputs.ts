// A process's input object: defaults filled in for missing or null values, every value checked against its type.
import type { CwlParameter } from '../model.js';
import { describeType } from '../load/index.js';
import { matchesType } from './type-check.js';

export interface InputProblem {
  readonly input: string;
  readonly value: unknown;
  readonly message: string;
}

// The inputs with defaults applied, or the first problem: a missing required input or a value of the wrong type.
export function prepareInputs(
  parameters: readonly CwlParameter[],
  given: Record<string, unknown>,
): { inputs: Record<string, unknown> } | { problem: InputProblem } {
  const inputs: Record<string, unknown> = {};
  for (const parameter of parameters) {
    let value = given[parameter.id];
    if ((value === undefined || value === null) && parameter.default !== undefined) value = parameter.default;
    if (!matchesType(parameter.type, value)) {
      const message =
        value === undefined || value === null
          ? `missing required input \`${parameter.id}\` (type ${describeType(parameter.type)})`
          : `input \`${parameter.id}\` expects ${describeType(parameter.type)}, got ${JSON.stringify(value)}`;
      return { problem: { input: parameter.id, value, message } };
    }
    inputs[parameter.id] = value ?? null;
  }
  return { inputs };
}
