// `pipe server`'s live view on a terminal: ServerView redrawn every second below the server's log lines. Ink lays
// the frame out (renderToString); this module puts it on the terminal itself — back to the frame's first line,
// erase to the end of the screen, a log line if one came, the new frame — so a log line is never erased. An ES
// module of its own (Ink has top-level await): the bundle builds it beside main.cjs (scripts/bundle.ts) and
// server-view.ts imports it only when the view is wanted.
import { renderToString } from 'ink';
import type { PilotServer, ServerLogEvent } from '../../backends/pilot/server/index.js';
import { ServerView, type ServerSnapshot } from '../tui/components/ServerView.js';
import { formatServerEvent } from './server-log.js';

const REFRESH_MS = 1000;

export interface LiveView {
  log(event: ServerLogEvent): void;
  close(): void;
}

// Draws the view of `server` on stderr (a terminal) until closed.
export async function startServerLive(server: PilotServer): Promise<LiveView> {
  const stderr = process.stderr;
  const snapshot = async (): Promise<ServerSnapshot> => ({
    url: server.url,
    session: server.session,
    counts: await server.counts(),
    agents: server.agents(),
  });
  const layout = (s: ServerSnapshot): string =>
    renderToString(<ServerView server={s} rows={Math.max(4, (stderr.rows ?? 24) - 1)} />, {
      columns: stderr.columns ?? 80,
    });
  let frame = layout(await snapshot());
  let drawn = 0; // lines of the frame on the terminal, the cursor on the line below them
  // Replaces the frame on the terminal by the current one, with `lines` above it.
  const draw = (lines = ''): void => {
    stderr.write(`${drawn > 0 ? `\u001B[${drawn}F` : '\r'}\u001B[0J${lines}${frame}\n`);
    drawn = frame.split('\n').length;
  };
  let closed = false;
  let refreshing = false;
  const refresh = (): void => {
    if (refreshing) return;
    refreshing = true;
    void snapshot()
      .then((s) => {
        if (closed) return;
        frame = layout(s);
        draw();
      })
      .catch(() => undefined)
      .finally(() => (refreshing = false));
  };
  draw();
  const timer = setInterval(refresh, REFRESH_MS);
  return {
    // The line goes above the frame at once; the frame shows the change at its next refresh, started now.
    log(event) {
      if (closed) return;
      draw(`${formatServerEvent(event)}\n`);
      refresh();
    },
    close() {
      closed = true;
      clearInterval(timer);
    },
  };
}
