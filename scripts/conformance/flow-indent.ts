// PyYAML accepts flow collections (`[...]`, `{...}`) continued on lines indented no deeper than their key, as
// conformance_tests.yaml writes them; the yaml library does not. This indents such continuation lines.

// Returns the text with every line inside an open flow collection indented past the line that opened it.
export function indentFlowContinuations(text: string): string {
  const lines = text.split('\n');
  let depth = 0;
  let openIndent = 0;
  return lines
    .map((line) => {
      let out = line;
      if (depth > 0) {
        const indent = line.length - line.trimStart().length;
        if (indent <= openIndent && line.trim() !== '') out = ' '.repeat(openIndent + 2) + line.trimStart();
      } else {
        openIndent = line.length - line.trimStart().length;
      }
      depth = Math.max(0, depth + bracketBalance(line));
      return out;
    })
    .join('\n');
}

// Opening minus closing brackets on a line, outside quotes and comments.
function bracketBalance(line: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i] as string;
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i += 1;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ')) break;
    else if (c === '[' || c === '{') balance += 1;
    else if (c === ']' || c === '}') balance -= 1;
  }
  return balance;
}
