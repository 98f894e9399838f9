// Glob patterns as pipe reads them, in task lists' remote inputs and the DSL's file(), Channel.fromPath() and output
// declarations alike: `*` and `?` within a path component, `**` across components, `{a,b}` alternatives and
// `[abc]`/`[!abc]` classes, a backslash escaping any of them, translated into one anchored regular expression over
// `/`-separated relative paths.
// A glob character not escaped by a backslash (`file\[1\].txt` names the file `file[1].txt`).
const GLOB_CHARS = /(?:^|[^\\])(?:\\\\)*[*?[{]/;

// Whether a path or pattern holds glob characters.
export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

// A pattern with no glob characters as the name it stands for: its backslash escapes removed.
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\([\\*?[\]{}])/g, '$1');
}

// Translates one glob pattern into an anchored regular expression over `/`-separated relative paths.
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      out += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); // an escaped character is itself
    } else if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
