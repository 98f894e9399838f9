// CWL string interpolation: evaluates each `$(...)`/`${...}` of a string and applies the escaping rules.
// https://www.commonwl.org/v1.2/CommandLineTool.html#String_interpolation
import { pythonJsonDumps } from './python-json.js';
import { scanNext } from './scanner.js';

// How backslashes behave: 'v1.2' is the spec's three-character lookahead (`\$(`, `\${`, `\\`; other backslashes
// stay); 'legacy' is what cwltool does for v1.0 and v1.1 documents (a backslash keeps only the next character).
export type EscapeRule = 'v1.2' | 'legacy';

export interface InterpolationOptions {
  readonly escapes: EscapeRule;
  readonly stripWhitespace: boolean; // trim the string first (cwltool does, except for Dirent `entry`)
}

// Evaluates one `$(...)` or `${...}`, given without its leading `$`.
export type FragmentEvaluator = (fragment: string) => unknown;

// The CWL versions whose documents get the legacy escaping, as cwltool decides.
const LEGACY_ESCAPE_VERSIONS: ReadonlySet<string> = new Set([
  'v1.0',
  'v1.1',
  'v1.1.0-dev1',
  'v1.2.0-dev1',
  'v1.2.0-dev2',
  'v1.2.0-dev3',
]);

// The escaping rule for a document's cwlVersion (v1.2 when the version is unknown).
export function escapeRuleFor(cwlVersion: string | undefined): EscapeRule {
  return cwlVersion !== undefined && LEGACY_ESCAPE_VERSIONS.has(cwlVersion) ? 'legacy' : 'v1.2';
}

// Interpolates a string: a lone expression yields its value as is; otherwise values are spliced in as text
// (strings bare, everything else as JSON). Throws UnfinishedExpression for an unclosed `$(`/`${`.
export async function interpolate(
  text: string,
  evaluateFragment: FragmentEvaluator,
  options: InterpolationOptions,
): Promise<unknown> {
  let rest = options.stripWhitespace ? text.trim() : text;
  let out = '';
  let first = true;
  for (let span = scanNext(rest); span !== undefined; span = scanNext(rest)) {
    out += rest.slice(0, span.start);
    let resume = span.end;
    if (span.kind === 'expression') {
      const value: unknown = await evaluateFragment(rest.slice(span.start + 1, span.end));
      if (first && span.start === 0 && span.end === rest.length) return value;
      out += typeof value === 'string' ? value : pythonJsonDumps(value);
    } else if (options.escapes === 'legacy') {
      out += rest[span.end - 1] ?? '';
    } else {
      const escaped = rest.slice(span.start, span.end + 1);
      if (escaped === '\\$(' || escaped === '\\${') {
        out += escaped.slice(1);
        resume = span.end + 1;
      } else {
        out += escaped[1] === '\\' ? '\\' : escaped.slice(0, 2);
      }
    }
    first = false;
    rest = rest.slice(resume);
  }
  return out + rest;
}
