// A YAML document's value, read by js-yaml: five to ten times faster than the yaml library, whose lexer and parser
// take ~300 ms for a 10,000-task list. pipe still takes positions and syntax errors from the yaml library
// (structured-document.ts), parsing again only when it must point into the file; so js-yaml here must resolve
// scalars exactly as that library's YAML 1.2 core schema does (yaml/dist/schema/core), and anything it does not
// read the same way (a tag outside the core schema, a directive) is left to the yaml library.
// https://yaml.org/spec/1.2.2/#1032-tag-resolution
import jsYaml from 'js-yaml';

const { FAILSAFE_SCHEMA, Type } = jsYaml;

// A plain scalar's implicit type: its tag, the text it takes (an empty node's is ''), and the value that text
// stands for.
function scalar(tag: string, test: RegExp, construct: (text: string) => unknown): InstanceType<typeof Type> {
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: string | null) => test.test(text ?? ''),
    construct: (text: string | null) => construct(text ?? ''),
  });
}

// The yaml library's core schema, in its order: null, bool, int (octal, decimal, hex), float (.inf/.nan,
// exponent, decimal point). Merge keys (`<<`) as with its `merge: true`.
const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T'),
    scalar('int', /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/, (text) =>
      text.startsWith('0o')
        ? parseInt(text.slice(2), 8)
        : text.startsWith('0x')
          ? parseInt(text.slice(2), 16)
          : parseInt(text, 10),
    ),
    scalar(
      'float',
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/,
      (text) =>
        text.endsWith('nan') || text.endsWith('NaN') || text.endsWith('NAN')
          ? NaN
          : /inf$/i.test(text)
            ? text.startsWith('-')
              ? -Infinity
              : Infinity
            : parseFloat(text),
    ),
    scalar('merge', /^<<$/, (text) => text), // js-yaml's loader merges the map under a key of this type
  ],
});

// Text the two libraries read differently, found by a look at the text (a false alarm costs only time):
const DIFFERENT = [
  /^%/m, // a directive: %YAML 1.1 switches the yaml library to another schema
  /(?:^|[\s{,[?-])(?:~|null|Null|NULL)[ \t]*:(?:[ \t]|$)/m, // a null key: "" to the yaml library, "null" to js-yaml
  /[\]}][ \t]*:(?:[ \t]|$)/m, // a list or map as a key, which each turns into a string its own way
  /(?:^|[-:?[{,])[ \t]*\*[^\s,\]}]/m, // an alias: the yaml library limits how many it expands (an alias bomb); js-yaml does not
];

// The value of the YAML document in `text`, or undefined when js-yaml cannot read it as the yaml library would:
// a syntax error (whose message and position the yaml library gives), a tag outside the core schema, or a
// construct in DIFFERENT.
export function fastYamlValue(text: string): { value: unknown } | undefined {
  if (DIFFERENT.some((pattern) => pattern.test(text))) return undefined;
  try {
    // An empty document is null to the yaml library, undefined to js-yaml.
    return { value: jsYaml.load(text, { schema: CORE_SCHEMA }) ?? null };
  } catch {
    return undefined;
  }
}
