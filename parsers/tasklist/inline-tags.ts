// Tags written on a text task list's line, HyperShell style: `command  # pipe: sample=A1 lane=2`. The comment is
// taken off the command (so changing a tag never changes the task's cache key) and its `key=value` (or `key:value`)
// words become the task's tags.
import { ParseError } from '../../engine/errors.js';

const MARK = /(?:^|\s)#\s*pipe:(.*)$/;

export interface TaggedLine {
  readonly command: string;
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

// Splits a line into its command and its inline tags; `where` names the line in errors.
export function splitInlineTags(line: string, where: { file: string; line: number }): TaggedLine {
  const mark = MARK.exec(line);
  if (mark === null) return { command: line };
  const tags: Record<string, string> = {};
  for (const word of (mark[1] ?? '').split(/[\s,]+/).filter((w) => w !== '')) {
    const at = word.search(/[=:]/);
    const key = at < 0 ? word : word.slice(0, at);
    if (key === '') {
      throw new ParseError(`inline tag "${word}" has no name`, {
        location: where,
        hint: 'write tags as `# pipe: key=value key2=value2`',
      });
    }
    tags[key] = at < 0 ? '' : word.slice(at + 1);
  }
  return { command: line.slice(0, mark.index).trimEnd(), tags };
}
