// The protocol between the local backend and its launchers (launcher-script.ts, launcher.c).
//   main → launcher: SIZE id TAB kind TAB dir TAB errFile|- TAB doneLog|- TAB doneLine|- TAB command
//                    (kind L = light, W = work dir, D = direct; doneLine is appended to doneLog on exit 0;
//                    W and D: command is empty or one NAME=VALUE to export)
//                  or SIZE id TAB X TAB dir TAB errFile|- TAB doneLog|- TAB doneLine|- TAB N TAB N × NAME=VALUE TAB words
//                    (a light task whose line needs no shell: the words, run without sh; see direct-command.ts)
//                    SIZE is the length of the rest, 8 decimal digits; no newline ends the record
//   launcher → main: S TAB id TAB pid TAB $EPOCHREALTIME [TAB reading]  (task started; when measuring, a fresh
//                                                                        /proc/PID/io reading the task's I/O counts from)
//                    E TAB id TAB status TAB $EPOCHREALTIME TAB 1|''    (task ended; 1 = errFile written)
//                    bash, when measuring, before E: R TAB id TAB user s TAB system s TAB reading  (CPU time,
//                                              `time`; the launcher's /proc/PID/io as the task was reaped)
//                    a reading is /proc/PID/io's words joined by spaces: "rchar: N wchar: N syscr: N …"
//                    the compiled launcher, when measuring, ends the E line with the figures themselves instead:
//                    … TAB cpu ms [TAB rchar TAB wchar TAB syscr TAB syscw TAB read_bytes TAB write_bytes] (the
//                    counters' growth over the task, when both readings could be taken); it sends no readings
// Bash reads a pipe one byte per system call when it looks for a newline, but `read -N SIZE` takes the whole record
// in one call: for a short task, some 170 calls fewer. `read -N` counts characters, so records are ASCII: fields
// escape backslash, newline and tab as \\, \n, \t and each byte of a non-ASCII character as \xHH; the launcher
// decodes them with printf %b.

export const TaskKind = { Light: 'L', WorkDir: 'W', Direct: 'D', Exec: 'X' } as const;
export type TaskKind = (typeof TaskKind)[keyof typeof TaskKind];

export type LauncherEvent =
  | {
      readonly type: 'started';
      readonly id: string;
      readonly pid: number;
      readonly time: number;
      readonly io: readonly number[] | undefined; // a fresh reading: rchar … write_bytes
    }
  | {
      readonly type: 'ended';
      readonly id: string;
      readonly status: number;
      readonly time: number;
      readonly errFileWritten: boolean;
      readonly cpuMs?: number | undefined; // the compiled launcher's figures, when measuring
      readonly io?: readonly number[] | undefined; // the task's rchar … write_bytes
    }
  | {
      readonly type: 'figures';
      readonly id: string;
      readonly cpuMs: number;
      readonly io: readonly number[] | undefined; // the reading as the task was reaped: rchar … write_bytes
    };

const SPECIAL = /[\\\n\t\u0080-\uffff]/;
const SPECIAL_ALL = /[\\\n\t]|[\u0080-\uffff]+/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\t': '\\t' };

// Escapes a run of non-ASCII characters as the \xHH escapes of their UTF-8 bytes.
const hexBytes = (text: string): string =>
  Array.from(Buffer.from(text, 'utf8'), (byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('');

// Escapes a field so that it is ASCII without tabs or newlines and decodes exactly with bash's printf %b.
export function encodeField(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? hexBytes(c)) : text;
}

type Done = { readonly path: string; readonly line: string };

// A record: its size in 8 digits, then the fields up to the done line, then the rest.
function record(
  id: string,
  kind: TaskKind,
  dir: string,
  errFile: string | undefined,
  done: Done | undefined,
  rest: string,
): string {
  const err = errFile === undefined ? '-' : encodeField(errFile);
  const log = done === undefined ? '-\t-' : `${encodeField(done.path)}\t${encodeField(done.line)}`;
  const text = `${encodeField(id)}\t${kind}\t${encodeField(dir)}\t${err}\t${log}\t${rest}`;
  return `${String(text.length).padStart(8, '0')}${text}`;
}

// Renders the record that asks a launcher to run one task.
export function taskLine(
  id: string,
  kind: TaskKind,
  dir: string,
  errFile: string | undefined,
  command: string,
  done?: Done,
): string {
  return record(id, kind, dir, errFile, done, encodeField(command));
}

// Renders the record that asks a launcher to run a light task's words without sh, with NAME=VALUE assignments to
// export first. No assignment or word may be empty: the launcher splits fields at runs of tabs.
export function execLine(
  id: string,
  dir: string,
  errFile: string | undefined,
  assignments: readonly string[],
  words: readonly string[],
  done?: Done,
): string {
  const rest = [String(assignments.length), ...assignments, ...words].map(encodeField).join('\t');
  return record(id, TaskKind.Exec, dir, errFile, done, rest);
}

// Converts bash's $EPOCHREALTIME ("seconds.micros", a comma in some locales) to epoch milliseconds.
export function epochMs(text: string): number {
  return Number(text.includes(',') ? text.replace(',', '.') : text) * 1000;
}

// The counters rchar, wchar, syscr, syscw, read_bytes, write_bytes of a reading ("rchar: N wchar: N …").
function ioReading(text: string | undefined): number[] | undefined {
  const words = text?.split(' ');
  if (words === undefined || words.length < 12) return undefined;
  const counters = [1, 3, 5, 7, 9, 11].map((i) => Number(words[i]));
  return counters.every(Number.isFinite) ? counters : undefined;
}

// The I/O figures that end a compiled launcher's E line (fields 6 to 11).
function ioFigures(parts: readonly string[]): number[] | undefined {
  const io = [
    Number(parts[6]),
    Number(parts[7]),
    Number(parts[8]),
    Number(parts[9]),
    Number(parts[10]),
    Number(parts[11]),
  ];
  return io.every(Number.isFinite) ? io : undefined;
}

// Parses one status line from a launcher; undefined for anything that is not one.
export function parseStatusLine(line: string): LauncherEvent | undefined {
  const parts = line.split('\t');
  const [type, id, value, time] = parts;
  if (id === undefined || value === undefined || time === undefined) return undefined;
  if (type === 'R')
    return { type: 'figures', id, cpuMs: Math.round(epochMs(value) + epochMs(time)), io: ioReading(parts[4]) };
  const number = Number.parseInt(value, 10);
  if (Number.isNaN(number)) return undefined;
  if (type === 'S') return { type: 'started', id, pid: number, time: epochMs(time), io: ioReading(parts[4]) };
  if (type === 'E') {
    const errFileWritten = parts[4] === '1';
    if (parts.length < 6) return { type: 'ended', id, status: number, time: epochMs(time), errFileWritten };
    const io = parts.length < 12 ? undefined : ioFigures(parts);
    const cpuMs = Number(parts[5]);
    return {
      type: 'ended',
      id,
      status: number,
      time: epochMs(time),
      errFileWritten,
      cpuMs: Number.isFinite(cpuMs) ? cpuMs : undefined,
      io,
    };
  }
  return undefined;
}
