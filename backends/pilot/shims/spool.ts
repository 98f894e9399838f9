// The gateway's side of the spool the fast `sbatch` and `qsub` scripts write (fast-shims.ts). STATE/spool/N is
// both job N's id claim and its record: a script creates it exclusively (so an id is never given twice), writes the
// record (NUL-separated: magic, command, cwd, argc, args…, its `export -p` listing, `end`) and answers. The gateway
// finds records by fs.watch and by a scan (at start, then every 2 s), takes each complete one once, and empties the
// file: an empty file is a claim already taken. It keeps STATE/next-job-id (where scripts start looking for a free
// id) past every id it saw, and its own submissions (the round-trip path) claim ids the same way. Claims of jobs
// ended long ago are removed.
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  watch,
} from 'node:fs';
import { join } from 'node:path';
import { parseExportList } from './exported-env.js';
import { NEXT_ID_FILE, SPOOL_DIR, SPOOL_MAGIC } from './fast-shims.js';
import { SHIM_COMMANDS, type ShimCommand, type ShimRequest } from './shim-commands.js';
import { writeAtomic } from './shim-files.js';

const SCAN_MS = 2_000;
const PRUNE_MS = 60_000;
const CLAIM_KEEP_MS = 15 * 60_000; // an empty claim older than this, below next-job-id, is removed

export interface SpooledJob {
  readonly id: number;
  readonly request: ShimRequest;
}

export interface Spool {
  // Ids for the gateway's own submissions: `count` consecutive free ids; returns the first.
  claim(count: number): number;
  // Takes every complete record now (the gateway does this before it leaves).
  scan(): void;
  close(): void;
}

// Reads a record; undefined while it is not complete, an error message when it is no record.
export function parseSpoolRecord(data: Buffer): ShimRequest | string | undefined {
  const fields = data.toString('utf8').split('\0');
  if (fields.length < 3 || fields[fields.length - 1] !== '' || fields[fields.length - 2] !== 'end') return undefined;
  const [magic, command, cwd, argc] = fields;
  if (magic !== SPOOL_MAGIC) return `not a spool record (${JSON.stringify(magic?.slice(0, 20))})`;
  if (!(SHIM_COMMANDS as readonly string[]).includes(command ?? '')) return `unknown command ${command}`;
  const n = Number(argc);
  if (!Number.isInteger(n) || n < 0 || fields.length !== 4 + n + 3) return 'malformed record';
  return {
    command: command as ShimCommand,
    cwd: cwd!,
    args: fields.slice(4, 4 + n),
    env: parseExportList(fields[4 + n]!),
  };
}

// Watches STATE/spool; `take` gets each record once, in id order within a scan.
export function openSpool(
  stateDir: string,
  take: (job: SpooledJob | { id: number; error: string }) => void,
  log: (line: string) => void,
): Spool {
  const dir = join(stateDir, SPOOL_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 }); // shims written by an earlier pipe have none
  const hintFile = join(stateDir, NEXT_ID_FILE);
  const taken = new Set<number>();
  let next = readHint(hintFile);
  let hintQueued = false;
  // Moves next-job-id past `id` (written once per event-loop turn).
  const saw = (id: number): void => {
    if (id < next) return;
    next = id + 1;
    if (hintQueued) return;
    hintQueued = true;
    setImmediate(() => {
      hintQueued = false;
      writeAtomic(hintFile, `${next}\n`, 0o644);
    });
  };
  // Looks at spool/NAME: a complete record not taken yet is taken.
  const consider = (name: string): void => {
    if (!/^\d+$/.test(name)) return;
    const id = Number(name);
    if (taken.has(id)) return;
    const file = join(dir, name);
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      return; // removed meanwhile
    }
    saw(id);
    if (data.length === 0) return; // a claim taken earlier, or a record being written
    const request = parseSpoolRecord(data);
    if (request === undefined) return; // being written: its next change event (or scan) comes back here
    taken.add(id);
    truncateSync(file, 0);
    if (typeof request === 'string') {
      log(`spool/${name}: ${request}`);
      take({ id, error: request });
    } else take({ id, request: { ...request, jobId: id } });
  };
  const scan = (): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    names.sort((a, b) => Number(a) - Number(b)).forEach(consider);
  };
  // Removes old empty claims below next-job-id, which no script will try again.
  const prune = (): void => {
    const limit = Date.now() - CLAIM_KEEP_MS;
    for (const name of readdirSync(dir)) {
      const id = Number(name);
      if (!/^\d+$/.test(name) || id >= next - 1) continue;
      try {
        const stat = statSync(join(dir, name));
        if (stat.size === 0 && stat.mtimeMs < limit) {
          rmSync(join(dir, name), { force: true });
          taken.delete(id);
        }
      } catch {
        // gone already
      }
    }
  };
  const watcher = watch(dir, (_event, name) => {
    if (typeof name === 'string') consider(name);
  });
  watcher.on('error', (error) => log(`watching ${dir}: ${error.message}`));
  scan();
  const scanTimer = setInterval(scan, SCAN_MS);
  const pruneTimer = setInterval(prune, PRUNE_MS);
  scanTimer.unref();
  pruneTimer.unref();
  return {
    claim(count) {
      for (;;) {
        const first = next;
        let got = 0;
        while (got < count && tryClaim(join(dir, String(first + got)))) got += 1;
        for (let i = 0; i <= got && i < count; i++) saw(first + i);
        if (got === count) {
          for (let i = 0; i < count; i++) taken.add(first + i);
          return first;
        }
      }
    },
    scan,
    close() {
      watcher.close();
      clearInterval(scanTimer);
      clearInterval(pruneTimer);
    },
  };
}

// Creates an empty claim file; false when the id is someone's already.
function tryClaim(file: string): boolean {
  try {
    closeSync(openSync(file, 'wx', 0o644));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

// The id scripts start from (1 for a new state dir).
function readHint(file: string): number {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : 1;
  } catch {
    return 1;
  }
}
