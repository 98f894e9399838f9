// Runs the built `pipe` CLI in a scratch directory, as a user would from a shell.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pipeBin = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bundle', 'pipe.cjs');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

// A fresh scratch directory, optionally holding files.
export function scratchDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-test-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true }); // `tools/x.cwl` makes tools/
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

// Starts `pipe ARGS` (the executable, sh head and all) in `cwd` and returns the child and a promise of its result.
export function startPipe(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(pipeBin, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolvePromise) => {
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

// Runs `pipe ARGS` in `cwd` to the end.
export function runPipe(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return startPipe(args, cwd, env).done;
}

// Resolves once `predicate` holds, checking every 20 ms, or rejects after `timeoutMs`.
export async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}
