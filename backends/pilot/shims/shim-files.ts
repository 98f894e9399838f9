// The files `pipe shims DIR` writes: a script per command and the state dir DIR/.state (config.json, the gateway's
// token, the spool and status snapshots of the fast scripts, later the gateway's pid and port files, log and queue).
// sbatch, qsub, squeue and qstat are POSIX sh scripts with a fast path (fast-shims.ts); every command also has the
// round-trip bash script below, in DIR/.state/slow, which the others are and the fast ones fall back to.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { shellQuote } from '../../../engine/workdir/shell-quote.js';
import { FAST_COMMANDS, fastScript, SLOW_DIR, SPOOL_DIR, STATUS_DIR, type FastCommand } from './fast-shims.js';
import { GATEWAY_VERSION } from './gateway.js';
import { SHIM_COMMANDS } from './shim-commands.js';

export interface ShimsConfig {
  readonly launchDir: string; // where the embedded server keeps its queue and local agents run
  readonly server?: string | undefined; // an existing `pipe server` to use instead of an embedded one
  readonly tokenFile?: string | undefined; // that server's token
  readonly jobs?: number | undefined; // -j of the local agents (default: the cores)
  readonly idleTimeoutMs: number; // the gateway leaves after this long without requests or jobs
}

// Where the gateway's port is written once it listens (the shim scripts read it).
export const GATEWAY_FILE = 'gateway';

// The state dir of a shims dir.
export function stateDirOf(dir: string): string {
  return join(resolve(dir), '.state');
}

// Reads a state dir's config.json.
export function readShimsConfig(stateDir: string): ShimsConfig {
  return JSON.parse(readFileSync(join(stateDir, 'config.json'), 'utf8')) as ShimsConfig;
}

// Writes a file whole: readers see the old one or the new one.
export function writeAtomic(file: string, text: string, mode = 0o600): void {
  const scratch = `${file}.${process.pid}`;
  writeFileSync(scratch, text, { mode });
  renameSync(scratch, file);
}

// The round-trip script: reach the gateway (starting it when it is not there), send the command line, print the answer.
export function shimScript(stateDir: string, pipe: readonly string[]): string {
  return `#!/bin/bash
# A Slurm/PBS command as pipe's shims provide it (written by \`pipe shims\`; see docs/nextflow-executor.md): the
# command line goes to the shims' gateway, which queues jobs on pipe's pilot and answers for them.
state=${shellQuote(stateDir)}
command=\${0##*/}
connect() { local port; read -r port <"$state/gateway" && exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null
if ! connect; then
  ${pipe.map(shellQuote).join(' ')} shims --start "$state" || exit 1
  connect || { echo "$command: cannot reach pipe's shims gateway (log: $state/gateway.log)" >&2; exit 1; }
fi
IFS= read -r token <"$state/token"
env=()
if [[ $command == sbatch || $command == qsub ]]; then
  for name in $(compgen -e); do env+=("$name=\${!name}"); done
fi
printf '%s\\0' "$token" ${GATEWAY_VERSION} "$command" "$PWD" "$#" "$@" "\${#env[@]}" "\${env[@]}" >&3
IFS=' ' read -r code errors lines <&3
if [[ $code == stdin ]]; then
  script=$(cat)
  printf '%s\\0' "$script" >&3
  IFS=' ' read -r code errors lines <&3
fi
[[ $code =~ ^[0-9]+$ ]] || { echo "$command: no answer from pipe's shims gateway (log: $state/gateway.log)" >&2; exit 1; }
for ((i = 0; i < errors; i++)); do IFS= read -r line <&3; printf '%s\\n' "$line" >&2; done
if ((lines == 1)); then IFS= read -r line <&3; printf '%s\\n' "$line"; elif ((lines > 1)); then cat <&3; fi
exit "$code"
`;
}

// Writes the shims into `dir` and their state dir's config and token; returns the state dir.
export function writeShims(dir: string, config: ShimsConfig, pipe: readonly string[]): string {
  const bin = resolve(dir);
  const stateDir = stateDirOf(bin);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  chmodSync(stateDir, 0o700);
  writeAtomic(join(stateDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const tokenFile = join(stateDir, 'token');
  if (!existsSync(tokenFile)) writeAtomic(tokenFile, `${randomBytes(32).toString('hex')}\n`);
  for (const sub of [SLOW_DIR, SPOOL_DIR, STATUS_DIR]) mkdirSync(join(stateDir, sub), { recursive: true, mode: 0o700 });
  const roundTrip = shimScript(stateDir, pipe);
  const user = userInfo().username;
  for (const command of SHIM_COMMANDS) {
    writeAtomic(join(stateDir, SLOW_DIR, command), roundTrip, 0o755);
    const fast = (FAST_COMMANDS as readonly string[]).includes(command);
    const script = fast ? fastScript(command as FastCommand, stateDir, user, pipe) : roundTrip;
    writeAtomic(join(bin, command), script, 0o755);
  }
  return stateDir;
}
