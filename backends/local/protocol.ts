// The line protocol between the local backend and its bash launchers (see launcher-script.ts).
//   main → launcher: id TAB kind TAB dir TAB errFile|- TAB command      (kind L = light, W = work dir, D = direct)
//   launcher → main: S TAB id TAB pid TAB $EPOCHREALTIME                (task started)
//                    E TAB id TAB status TAB $EPOCHREALTIME TAB 1|''    (task ended; 1 = errFile written)
// Fields escape backslash, newline and tab as \\, \n, \t; the launcher decodes them with printf %b.

export const TaskKind = { Light: 'L', WorkDir: 'W', Direct: 'D' } as const;
export type TaskKind = (typeof TaskKind)[keyof typeof TaskKind];

export type LauncherEvent =
  | { readonly type: 'started'; readonly id: string; readonly pid: number; readonly time: number }
  | {
      readonly type: 'ended';
      readonly id: string;
      readonly status: number;
      readonly time: number;
      readonly errFileWritten: boolean;
    };

const SPECIAL = /[\\\n\t]/;
const SPECIAL_ALL = /[\\\n\t]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\t': '\\t' };

// Escapes a field so it fits on one tab-separated line and decodes exactly with bash's printf %b.
export function encodeField(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : text;
}

// Renders the line that asks a launcher to run one task.
export function taskLine(
  id: string,
  kind: TaskKind,
  dir: string,
  errFile: string | undefined,
  command: string,
): string {
  const err = errFile === undefined ? '-' : encodeField(errFile);
  return `${encodeField(id)}\t${kind}\t${encodeField(dir)}\t${err}\t${encodeField(command)}\n`;
}

// Converts bash's $EPOCHREALTIME ("seconds.micros", a comma in some locales) to epoch milliseconds.
export function epochMs(text: string): number {
  return Number(text.includes(',') ? text.replace(',', '.') : text) * 1000;
}

// Parses one status line from a launcher; undefined for anything that is not one.
export function parseStatusLine(line: string): LauncherEvent | undefined {
  const parts = line.split('\t');
  const [type, id, value, time] = parts;
  if (id === undefined || value === undefined || time === undefined) return undefined;
  const number = Number.parseInt(value, 10);
  if (Number.isNaN(number)) return undefined;
  if (type === 'S') return { type: 'started', id, pid: number, time: epochMs(time) };
  if (type === 'E') return { type: 'ended', id, status: number, time: epochMs(time), errFileWritten: parts[4] === '1' };
  return undefined;
}
