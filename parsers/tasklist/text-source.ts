// Streams the tasks of a text task list: one per kept line, never holding the file in memory.
import type { TaskSource } from '../../engine/graph.js';
import type { Resources } from '../../engine/task.js';
import { splitInlineTags } from './inline-tags.js';
import { decodeLine, isTaskLine, lineEnd, readLineRegions } from './line-reader.js';
import { createOccurrenceCounter } from './occurrence-counter.js';
import type { ExpandTemplate } from './template.js';

export const TEXT_STEP_ID = 'tasks';
const LINE_RESOURCES: Resources = Object.freeze({ cpus: 1 });

export interface TextSourceOptions {
  readonly expand?: ExpandTemplate | undefined; // turns each line, as an argument, into the command
  readonly light: boolean; // false to run every line in a work dir
  readonly timeLimitMs?: number | undefined; // --timeout: each task is killed after this long
}

// A task source over the file's lines; each line is the command, or the argument of `expand` when given.
export function createTextTaskSource(file: string, total: number, options: TextSourceOptions): TaskSource {
  const { expand, light } = options;
  const resources: Resources =
    options.timeLimitMs === undefined ? LINE_RESOURCES : Object.freeze({ cpus: 1, timeLimitMs: options.timeLimitMs });
  return {
    total,
    async *tasks(signal) {
      const occurrences = createOccurrenceCounter(Math.min(total, 1 << 20));
      let lineNumber = 0;
      let index = 0;
      for await (const region of readLineRegions(file, signal)) {
        for (let start = region.start; start < region.end;) {
          const end = lineEnd(region, start);
          lineNumber++;
          if (isTaskLine(region.buf, start, end)) {
            const text = decodeLine(region.buf, start, end);
            // Inline tags need a `#`: most lines have none and skip the parse.
            const line = text.includes('#') ? splitInlineTags(text, { file, line: lineNumber }) : { command: text };
            const command = expand === undefined ? line.command : expand(line.command, index + 1);
            yield {
              id: String(lineNumber),
              stepId: TEXT_STEP_ID,
              index,
              command,
              light,
              resources,
              occurrence: occurrences.next(command),
              ...('tags' in line && line.tags !== undefined ? { tags: line.tags } : {}),
            };
            index++;
          }
          start = end + 1;
        }
      }
    },
  };
}
