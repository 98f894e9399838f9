// Node figures of pilot agents through the built CLI: an agent started with --monitor sends its node's load and
// memory with its heartbeats; `pipe tasks --server` and `pipe server`'s live view show them, a line per agent.
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pipeBin, runPipe, scratchDir, startPipe, waitFor, type CliResult } from '../helpers/cli.js';
import { traceMemory } from '../../ui/trace/nextflow-format.js';

const started: { child: ChildProcess; done: Promise<CliResult> }[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.done;
  }
});

// The node's memory total as the views print it.
const memTotal = (): string => {
  const kiB = Number(/MemTotal:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
  return traceMemory(kiB * 1024);
};

// Starts `pipe server --port 0` with a fast heartbeat in `dir`; resolves to its URL.
async function startServer(dir: string): Promise<string> {
  const server = startPipe(['server', '--port', '0', '--heartbeat', '0.1', '--plain'], dir);
  started.push(server);
  let stderr = '';
  server.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitFor(() => /listening on (\S+)/.test(stderr) || server.child.exitCode !== null);
  const url = /listening on (\S+)/.exec(stderr)?.[1];
  if (url === undefined) throw new Error(`pipe server did not start: ${stderr}`);
  return url;
}

describe('node figures of pilot agents', () => {
  it('an agent with --monitor reports its load and memory, which `pipe tasks --server` lists per agent', async () => {
    const dir = scratchDir();
    const url = await startServer(dir);
    const monitored = startPipe(['agent', '--server', url, '--monitor', '100ms', '-j', '1'], dir);
    started.push(monitored);
    const agentLines = async (): Promise<string[]> => {
      const listed = (await runPipe(['tasks', '--server', url], dir)).stdout;
      return listed.includes('\nAGENT') ? listed.slice(listed.indexOf('\nAGENT')).trim().split('\n') : [];
    };
    let agents: string[] = [];
    for (let i = 0; i < 100 && !agents.some((line) => / load \d+\.\d\d · mem /.test(line)); i++) {
      agents = await agentLines();
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(agents[0]).toMatch(/^AGENT\s+HOST\s+STATE\s+NODE$/);
    const watched = agents[1];
    expect(watched).toMatch(/\sidle\b/);
    expect(watched).toContain(`/${memTotal()}`);
    const load = Number(/load (\d+\.\d\d)/.exec(watched ?? '')?.[1]);
    const load1 = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    expect(Math.abs(load - load1)).toBeLessThan(Math.max(2, load1 / 2)); // the same node, a moment apart
    // An agent that does not monitor sends no figures: its node is '-'.
    const plain = startPipe(['agent', '--server', url, '-j', '1'], dir);
    started.push(plain);
    for (let i = 0; i < 100 && agents.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 200));
      agents = await agentLines();
    }
    expect(agents.filter((line) => /\s-$/.test(line))).toHaveLength(1);
    expect(agents.filter((line) => / load \d+\.\d\d · mem /.test(line))).toHaveLength(1);
  });

  const hasTmux = spawnSync('tmux', ['-V']).status === 0;
  it.skipIf(!hasTmux && process.env.PIPE_REQUIRE_SERVICES !== '1')(
    "shows a line per agent, with its node's figures, in `pipe server`'s live view on a terminal",
    async () => {
      const dir = scratchDir();
      const socket = `pipe-test-${randomBytes(4).toString('hex')}`;
      const tmux = (...args: string[]): string =>
        execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
      try {
        const command = `cd '${dir}' && env -u CI TERM=xterm-256color '${process.execPath}' '${pipeBin}' server --port 0 --heartbeat 0.1`;
        tmux('new-session', '-d', '-s', 'srv', '-x', '120', '-y', '20', command);
        let pane = '';
        await waitFor(() => /^pipe server (tcp:\/\/\S+)/m.test((pane = tmux('capture-pane', '-p', '-t', 'srv'))));
        const url = /^pipe server (tcp:\/\/\S+)/m.exec(pane)![1]!;
        expect(pane).toContain('no agent connected');
        const agent = startPipe(['agent', '--server', url, '--monitor', '100ms', '-j', '2'], dir);
        started.push(agent);
        const line = /^● \S+ +\S+ +idle \S+ +load \d+\.\d\d · mem /m;
        await waitFor(() => line.test((pane = tmux('capture-pane', '-p', '-t', 'srv'))), 30_000);
        expect(pane).toMatch(/^1 agent\(s\)$/m);
        expect(pane).toContain(`/${memTotal()}`);
        expect(pane).toMatch(/agent-connected: agent \S+ connected/); // the log line, above the view
      } finally {
        spawnSync('tmux', ['-L', socket, 'kill-server']);
      }
    },
  );
});
