// Resource quantities as users write them: memory sizes and durations.

// Multipliers of memory units, by lower-case spelling: the one table pipe's options, configuration, task lists and the
// DSL's MemoryUnit all read. As in Slurm and Nextflow, K/M/G/T/P/E/Z are powers of 1024 with or without `B` or `iB`.
export const MEMORY_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  byte: 1,
  bytes: 1,
  ...Object.fromEntries(
    ['k', 'm', 'g', 't', 'p', 'e', 'z'].flatMap((prefix, i) =>
      [prefix, `${prefix}b`, `${prefix}ib`].map((unit) => [unit, 1024 ** (i + 1)]),
    ),
  ),
};

// Milliseconds per duration unit, by lower-case spelling, short and long forms (Nextflow's among them): the one
// table of pipe's options, configuration, task lists and the DSL's Duration.
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  milli: 1,
  millis: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

export const MEMORY_EXAMPLES = '`512MB`, `2 GB`, `4G`, `1.5 GiB` or a number of bytes';
export const DURATION_EXAMPLES =
  '`90s`, `30m`, `1h30m`, `2d`, `01:30:00` (h:m:s), `1-12:00:00` (d-h:m:s) or a number of seconds';

const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
const MEMORY_PATTERN = new RegExp(String.raw`^${NUMBER}\s*([a-z]*)$`, 'i');
const DURATION_PART = new RegExp(String.raw`${NUMBER}\s*([a-z]+)\s*`, 'iy');
const CLOCK_PATTERN = /^(?:(\d+)-)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;
const SECONDS_PATTERN = new RegExp(String.raw`^${NUMBER}$`);

// Bytes in a memory size such as `2 GB` or 1073741824; undefined when the value is not a size.
export function parseMemory(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const match = MEMORY_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const unit = MEMORY_UNITS[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Math.round(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

// Milliseconds in a duration such as `1h30m`, `01:30:00` or 90 (seconds); undefined when it is not a duration.
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  const text = value.trim();
  if (SECONDS_PATTERN.test(text)) return Math.round(Number(text) * 1000);
  const clock = CLOCK_PATTERN.exec(text);
  if (clock) return clockMs(clock);
  return unitsMs(text);
}

// Milliseconds in a matched `[d-]h:m:s` clock time; minutes and seconds must be below 60.
function clockMs(match: RegExpExecArray): number | undefined {
  const [days, hours, minutes, seconds] = [match[1] ?? '0', match[2], match[3], match[4]].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (minutes >= 60 || seconds >= 60) return undefined;
  return Math.round((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000);
}

// Milliseconds in a sequence of number-unit parts such as `1h 30m`; undefined if any part is not one.
function unitsMs(text: string): number | undefined {
  if (text === '') return undefined;
  DURATION_PART.lastIndex = 0;
  let total = 0;
  while (DURATION_PART.lastIndex < text.length) {
    const match = DURATION_PART.exec(text);
    if (!match) return undefined;
    const unit = DURATION_UNITS[(match[2] ?? '').toLowerCase()];
    if (unit === undefined) return undefined;
    total += Number(match[1]) * unit;
  }
  return Math.round(total);
}
