// Task lists in either syntax: text (one command per line) or YAML/JSON (tasks with ids and dependencies).
import { extname } from 'node:path';
import type { WorkflowGraph } from '../../engine/graph.js';
import type { ParseOptions } from '../options.js';
import { parseTextList } from './text-list.js';

export type TaskListSyntax = 'text' | 'yaml';

const YAML_EXTENSIONS: ReadonlySet<string> = new Set(['.yaml', '.yml', '.json']);

// Which syntax a task list file uses, by its name: .yaml, .yml and .json are structured, anything else text.
export function taskListSyntax(file: string): TaskListSyntax {
  return YAML_EXTENSIONS.has(extname(file).toLowerCase()) ? 'yaml' : 'text';
}

// Parses a task list; `file` must be absolute. The YAML parser (~50 ms to load) is loaded only for YAML and JSON.
export async function parseTaskList(file: string, opts: ParseOptions = {}): Promise<WorkflowGraph> {
  if (taskListSyntax(file) === 'text') return parseTextList(file, opts);
  const { parseYamlList } = await import('./yaml-list.js');
  return parseYamlList(file, opts);
}
