// `pipe server`'s output: on a terminal, a live view of the queue and the agents (server-live.tsx) with the
// server's log lines printed above it; otherwise (piped, CI, --plain) the log lines alone.
import type { PilotServer, ServerLogEvent } from '../../backends/pilot/server/index.js';
import { importModule } from '../plugins/import-module.js';
import { chooseView } from '../tui/choose-view.js';
import type { LiveView } from './server-live.js';
import { formatServerEvent } from './server-log.js';

export interface ServerOutput {
  log(event: ServerLogEvent): void;
  // Starts the live view of `server`, when one is wanted.
  show(server: PilotServer): Promise<void>;
  close(): void;
}

// Whether `pipe server` draws the live view: its stderr is a terminal (and not a dumb one), unless --plain.
export function wantsLiveView(options: { readonly plain?: boolean; readonly tui?: boolean }): boolean {
  const tty = process.stderr.isTTY === true;
  return chooseView({ logFormat: 'plain', ...options }, { stdout: tty, stderr: tty }, process.env) === 'tui';
}

// The server's output: plain lines, then, once shown, the live view with the lines above it.
export function serverOutput(live: boolean): ServerOutput {
  let view: LiveView | undefined;
  return {
    log(event) {
      if (view === undefined) process.stderr.write(`${formatServerEvent(event)}\n`);
      else view.log(event);
    },
    async show(server) {
      if (!live) return;
      const module = await importModule(new URL('./server-live.js', import.meta.url).href);
      const start = module.startServerLive as (server: PilotServer) => Promise<LiveView>;
      view = await start(server);
    },
    close() {
      view?.close();
      view = undefined;
    },
  };
}
