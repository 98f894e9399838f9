// `pipe agent`: connects to a pilot server, runs the tasks it hands out, and exits when the run is over, after
// an idle timeout, before its allocation ends, or after draining on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../engine/errors.js';
import { DURATION_EXAMPLES, MEMORY_EXAMPLES, parseDuration, parseMemory } from '../../engine/units.js';
import { startAgent } from '../../backends/pilot/agent/index.js';
import type { AgentExit, AgentLogEvent } from '../../backends/pilot/agent/types.js';
import { clientToken } from './pilot-access.js';

export interface AgentCommandOptions {
  readonly server: string;
  readonly tokenFile?: string | undefined;
  readonly jobs?: number | undefined;
  readonly cpus?: number | undefined;
  readonly memory?: string | undefined;
  readonly walltime?: string | undefined;
  readonly drainMargin?: string | undefined;
  readonly idleTimeout?: string | undefined;
  readonly monitor?: string | undefined;
  readonly tlsCa?: string | undefined;
  readonly dir?: string | undefined;
}

// The exit code of each way an agent ends.
const EXIT_CODES: Readonly<Record<AgentExit['reason'], ExitCode>> = {
  ended: ExitCode.Success,
  idle: ExitCode.Success,
  walltime: ExitCode.Success,
  drained: ExitCode.Success,
  refused: ExitCode.Usage,
  unreachable: ExitCode.Failed,
};

// Milliseconds in a duration option, naming a bad value.
function durationOption(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined)
    throw new UsageError(`expected ${flag} to be a duration, got "${value}"`, {
      hint: `write it as ${DURATION_EXAMPLES}`,
    });
  return ms;
}

// Bytes in a memory option, naming a bad value.
function memoryOption(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const bytes = parseMemory(value);
  if (bytes === undefined)
    throw new UsageError(`expected ${flag} to be a memory size, got "${value}"`, {
      hint: `write it as ${MEMORY_EXAMPLES}`,
    });
  return bytes;
}

// Reads the CA file to trust for tls:// servers.
function readCa(file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(
      `Cannot read --tls-ca file "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        hint: "give the server's certificate (or the CA that signed it) in PEM",
      },
    );
  }
}

// Prints one agent event as a line on stderr.
function printEvent(event: AgentLogEvent): void {
  process.stderr.write(`${new Date().toISOString()} pipe agent: ${event.message}\n`);
}

// Runs an agent until it exits; resolves to the exit code.
export async function agentCommand(options: AgentCommandOptions): Promise<number> {
  const token = clientToken(options.tokenFile);
  const cpus = options.cpus ?? availableParallelism();
  const agent = startAgent({
    server: options.server,
    token,
    ca: readCa(options.tlsCa),
    slots: options.jobs ?? cpus,
    cpus,
    memoryBytes: memoryOption('--memory', options.memory),
    walltimeMs: durationOption('--walltime', options.walltime),
    drainMarginMs: durationOption('--drain-margin', options.drainMargin),
    idleTimeoutMs: durationOption('--idle-timeout', options.idleTimeout),
    monitorIntervalMs: durationOption('--monitor', options.monitor),
    launchDir: resolve(options.dir ?? '.'),
    log: printEvent,
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    printEvent({
      level: 'info',
      event: 'signal',
      message: `${signal}: draining (finishing running tasks, handing back the rest)`,
    });
    agent.drain();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    const exit = await agent.done;
    return EXIT_CODES[exit.reason];
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
