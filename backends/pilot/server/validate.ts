// Checks what clients send at the edge: tasks to submit and queries, naming the first bad field.
import { z } from 'zod';
import type { NewTask, TaskQuery } from '../protocol/messages.js';

const stringMap = z.record(z.string(), z.string());

const newTaskSchema = z.object({
  name: z.string().optional(),
  step: z.string().optional(),
  command: z.string(),
  light: z.boolean(),
  workDir: z.string().optional(),
  errFile: z.string().optional(),
  cpus: z.number().positive().optional(),
  memoryBytes: z.number().int().nonnegative().optional(),
  timeLimitMs: z.number().int().positive().optional(),
  env: stringMap.optional(),
  tags: stringMap.optional(),
});

const querySchema = z.object({
  state: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
  tags: stringMap.optional(),
  limit: z.number().int().positive().max(100_000).optional(),
});

// A one-line description of the first problem zod found.
function firstIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  const path = issue === undefined ? '' : issue.path.join('.');
  return `invalid ${what}${path === '' ? '' : ` at ${path}`}: ${issue?.message ?? 'malformed'}`;
}

// The tasks of a submit message, or a message saying what is wrong with them.
export function validateTasks(tasks: unknown): { ok: true; tasks: NewTask[] } | { ok: false; message: string } {
  const result = z.array(newTaskSchema).safeParse(tasks);
  return result.success ? { ok: true, tasks: result.data } : { ok: false, message: firstIssue(result.error, 'tasks') };
}

// A query message's query, or a message saying what is wrong with it.
export function validateQuery(query: unknown): { ok: true; query: TaskQuery } | { ok: false; message: string } {
  const result = querySchema.safeParse(query ?? {});
  return result.success ? { ok: true, query: result.data } : { ok: false, message: firstIssue(result.error, 'query') };
}
