// A text task list (one shell command per line) as a workflow of one streamed step.
import { basename } from 'node:path';
import { ParseError, UsageError } from '../../engine/errors.js';
import { createStepGraph } from '../../engine/graph.js';
import type { WorkflowGraph } from '../../engine/graph.js';
import { readError, readHead } from '../common/read-file.js';
import { countTaskLines, InvalidUtf8 } from './line-reader.js';
import { compileTemplate } from './template.js';
import { createTextTaskSource, TEXT_STEP_ID } from './text-source.js';
import type { ParseOptions } from '../options.js';

const SNIFF_BYTES = 8192;

// Parses a text task list: checks it is readable text with at least one task, counting tasks up front.
// Lines are light tasks (no work dir) unless `capture` asks for their output files.
export async function parseTextList(file: string, opts: ParseOptions = {}): Promise<WorkflowGraph> {
  const expand =
    opts.template === undefined ? undefined : compileTemplate(checkTemplate(opts.template), { colsep: opts.colsep });
  if (opts.colsep !== undefined && expand === undefined) {
    throw new UsageError('--colsep splits the lines of a --template run, and no --template is given', {
      hint: "add --template 'CMD {1} {2}' to use the columns",
    });
  }
  const head = await readHead(file, SNIFF_BYTES);
  if (head.includes(0)) {
    throw new ParseError(`\`${file}\` is not a text file: it contains NUL bytes`, {
      location: { file },
      hint: 'save the list as UTF-8 text, one command per line (YAML and JSON lists need a .yaml, .yml or .json name)',
    });
  }
  const total = await countLines(file);
  if (total === 0) {
    throw new ParseError('no tasks in the task list: every line is blank or a comment', {
      location: { file },
      hint: 'write one shell command per line; lines starting with # are comments',
    });
  }
  const graph = createStepGraph();
  graph.addNode(TEXT_STEP_ID, {
    id: TEXT_STEP_ID,
    name: basename(file),
    location: { file },
    resources: { cpus: 1 },
    keyParts: { identity: 'tasklist' },
    source: createTextTaskSource(file, total, { expand, light: opts.capture !== true, timeLimitMs: opts.timeoutMs }),
  });
  return { file, format: 'tasklist', graph };
}

// The template, if it can produce a command.
function checkTemplate(template: string): string {
  if (template.trim() === '') {
    throw new UsageError('the command template is empty', {
      hint: "give a command with {} where each line goes, e.g. --template 'gzip -9 {}'",
    });
  }
  return template;
}

// Counts the file's task lines, reporting a file that cannot be read or is not UTF-8.
async function countLines(file: string): Promise<number> {
  try {
    return await countTaskLines(file);
  } catch (error) {
    if (error instanceof InvalidUtf8)
      throw new ParseError('the task list is not valid UTF-8 text: a byte here is not part of a UTF-8 character', {
        location: { file, line: error.line, column: error.column },
        hint: 'save the list as UTF-8 (e.g. iconv -f latin1 -t utf-8); pipe does not guess another encoding',
      });
    throw readError(file, error);
  }
}
