// Starts a sandbox process: Node running sandbox-program with no environment, under Node's permission model (no
// file system access, no child processes, no worker threads, no native addons), with a V8 heap limit and a data
// segment limit (RLIMIT_DATA, which also bounds ArrayBuffers and WebAssembly memories outside the heap).
// https://nodejs.org/docs/latest-v20.x/api/permissions.html#process-based-permissions
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { HELPERS_SOURCE, sandboxProgram } from './sandbox-program.js';

export interface SandboxProcessLimits {
  readonly heapMb: number; // V8 old-generation heap
  readonly dataMb: number; // everything the process maps writable: heap, array buffers, malloc
}

// The flag that turns the permission model on: `--permission` from Node 22.13 and 23.5, experimental before.
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

// The program as `node -e` source.
function programSource(): string {
  return `(${sandboxProgram.toString()})(require('node:vm'), process, ${JSON.stringify(HELPERS_SOURCE)});`;
}

let source: string | undefined;

// Spawns one sandbox process, connected by an IPC channel; its stderr is piped (crash reports).
export function spawnSandboxProcess(limits: SandboxProcessLimits): ChildProcess {
  const node = [
    process.execPath,
    permissionFlag(),
    '--experimental-vm-modules', // lets import() inside a context call the program's callback, which refuses it
    '--no-warnings',
    `--max-old-space-size=${limits.heapMb}`,
    '-e',
    (source ??= programSource()),
  ];
  const limitData = 'ulimit -d "$1" && shift && exec "$@"';
  return spawn('/bin/sh', ['-c', limitData, 'sh', String(limits.dataMb * 1024), ...node], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {},
    cwd: '/',
    serialization: 'json',
  });
}
