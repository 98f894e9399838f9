// Streams the tasks of a text task list: one per kept line, never holding the file in memory.
import type { TaskSource } from '../../engine/graph.js';
import type { Resources } from '../../engine/task.js';
import { decodeLine, isTaskLine, lineEnd, readLineRegions } from './line-reader.js';
import { createOccurrenceCounter } from './occurrence-counter.js';
import type { ExpandTemplate } from './template.js';

export const TEXT_STEP_ID = 'tasks';
const LINE_RESOURCES: Resources = Object.freeze({ cpus: 1 });

export interface TextSourceOptions {
  readonly expand?: ExpandTemplate | undefined; // turns each line, as an argument, into the command
  readonly light: boolean; // false to run every line in a work dir
}

// A task source over the file's lines; each line is the command, or the argument of `expand` when given.
export function createTextTaskSource(file: string, total: number, options: TextSourceOptions): TaskSource {
  const { expand, light } = options;
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
            const line = decodeLine(region.buf, start, end);
            const command = expand === undefined ? line : expand(line, index + 1);
            yield {
              id: String(lineNumber),
              stepId: TEXT_STEP_ID,
              index,
              command,
              light,
              resources: LINE_RESOURCES,
              occurrence: occurrences.next(command),
            };
            index++;
          }
          start = end + 1;
        }
      }
    },
  };
}
