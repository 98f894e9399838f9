export { parseTaskList, taskListSyntax } from './parse-tasklist.js';
export type { TaskListSyntax } from './parse-tasklist.js';
export { compileTemplate, expandTemplate, hasReplacementString } from './template.js';
export type { ExpandTemplate } from './template.js';
