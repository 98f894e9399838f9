// nf-schema's wording of validation failures: `* --name (value): …` for parameters, `-> Entry N: …` for samplesheets.
import type { SchemaFailure } from './validator.js';

// The value as nf-schema prints it inside `(…)`.
function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function withCustom(text: string, failure: SchemaFailure): string {
  return failure.customMessage === undefined ? text : `${text} (${failure.customMessage})`;
}

// The missing names of the `required` failures at one location, in schema order.
function missingAt(failures: readonly SchemaFailure[], location: string): string[] {
  return failures.filter((f) => f.keyword === 'required' && f.location.join('/') === location).map((f) => f.message);
}

// Lines for failures of pipeline parameters.
export function parameterErrors(failures: readonly SchemaFailure[]): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const failure of failures) {
    const where = failure.location.join('/');
    if (failure.keyword === 'required') {
      if (seen.has(where)) continue;
      seen.add(where);
      lines.push(withCustom(`* Missing required parameter(s): ${missingAt(failures, where).join(', ')}`, failure));
    } else if (failure.location.length > 0) {
      lines.push(
        withCustom(`* --${failure.location.join('.')} (${shown(failure.value)}): ${failure.message}`, failure),
      );
    } else lines.push(withCustom(`* ${failure.message}`, failure));
  }
  return lines;
}

// Lines for failures of samplesheet entries.
export function fieldErrors(failures: readonly SchemaFailure[]): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const failure of failures) {
    const [entry, ...field] = failure.location;
    const index = entry === undefined ? Number.NaN : Number(entry);
    const prefix = Number.isInteger(index) ? `-> Entry ${index + 1}: ` : '-> ';
    const where = failure.location.join('/');
    if (failure.keyword === 'required') {
      if (seen.has(where)) continue;
      seen.add(where);
      lines.push(withCustom(`${prefix}Missing required field(s): ${missingAt(failures, where).join(', ')}`, failure));
    } else if (field.length > 0) {
      const text = `Error for field '${field.join('/')}' (${shown(failure.value)}): ${failure.message}`;
      lines.push(withCustom(`${prefix}${text}`, failure));
    } else lines.push(withCustom(`${prefix}${failure.message}`, failure));
  }
  return lines;
}
