// java.util.Date and the SimpleDateFormat patterns scripts format it with (`yyyy-MM-dd_HH-mm-ss`).
import { show } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';
import { isHostObject, type HostObject } from './host-object.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// A Date value: prints as Java's Date.toString() does (`Sun Dec 06 23:24:40 UTC 2026`, in UTC).
export function dateObject(date: Date = new Date()): HostObject {
  return {
    kind: 'object',
    type: 'java.util.Date',
    value: date,
    methods: {
      format: (args, ctx, pos) => {
        try {
          return formatDate(date, show(args[0]));
        } catch (error) {
          throw scriptError(ctx, pos, (error as Error).message, 'use the letters y M d H h m s S E a z Z');
        }
      },
      getTime: () => date.getTime(),
      toInstant: () => date.toISOString(),
      before: (args) => date.getTime() < timeOf(args[0]),
      after: (args) => date.getTime() > timeOf(args[0]),
    },
    properties: { time: () => date.getTime() },
    show: () =>
      `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate(), 2)} ` +
      `${formatDate(date, 'HH:mm:ss')} UTC ${date.getUTCFullYear()}`,
  };
}

// Milliseconds of a Date object or a number.
function timeOf(value: unknown): number {
  return isHostObject(value) && value.value instanceof Date ? value.value.getTime() : Number(value);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// Formats a date by a SimpleDateFormat pattern in UTC: y M d H h m s S E a letters, '…' quoted text.
// https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html
export function formatDate(date: Date, pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i] as string;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const quoted = pattern.slice(i + 1, end < 0 ? pattern.length : end);
      out += quoted === '' ? "'" : quoted;
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    out += /[A-Za-z]/.test(c) ? field(date, c, n) : c.repeat(n);
    i += n;
  }
  return out;
}

// One pattern letter repeated `n` times.
function field(date: Date, letter: string, n: number): string {
  const hours = date.getUTCHours();
  switch (letter) {
    case 'y':
      return n === 2 ? pad(date.getUTCFullYear() % 100, 2) : pad(date.getUTCFullYear(), n);
    case 'M':
      return n >= 3 ? (MONTHS[date.getUTCMonth()] as string) : pad(date.getUTCMonth() + 1, n);
    case 'd':
      return pad(date.getUTCDate(), n);
    case 'H':
      return pad(hours, n);
    case 'h':
      return pad(hours % 12 === 0 ? 12 : hours % 12, n);
    case 'm':
      return pad(date.getUTCMinutes(), n);
    case 's':
      return pad(date.getUTCSeconds(), n);
    case 'S':
      return pad(date.getUTCMilliseconds(), 3).slice(0, Math.max(n, 3));
    case 'E':
      return DAYS[date.getUTCDay()] as string;
    case 'a':
      return hours < 12 ? 'AM' : 'PM';
    case 'z':
    case 'Z':
    case 'X':
      return letter === 'z' ? 'UTC' : '+0000';
    default:
      throw new Error(`the date pattern letter \`${letter}\` is not supported`);
  }
}
