// The rows behind the keys of a KeyTable: what of a row a resume compares with a task before recording its reuse by
// row id (the fields the cache key does not cover), how the store reads them with each key, and which rows the table
// holds as they were read, so the ranges of a later run that point at them need not be read again.

const REUSE_FIELDS = "task_id, char(31), step_id, char(31), idx, char(31), ifnull(occurrence, '-')";
const TAGS_AND_DIR = "ifnull('=' || tags, '-'), char(31), ifnull('=' || work_dir, '-')";

// The fields of a task row that its cache key does not cover, as one string: a row's, as keyRowSql() reads them,
// equal a task's when the fields are the same. Separated by \x1f; a task with \x1f in one of them has none (no
// ambiguity), so equal strings mean equal fields. NULL is '-', a value '=' and the value; numbers as decimals.
export function reuseFields(
  taskId: string,
  stepId: string,
  idx: number,
  occurrence: number | undefined,
  tags: string | undefined,
  workDir: string | undefined,
): string | undefined {
  if (taskId.includes('\x1f') || stepId.includes('\x1f') || workDir?.includes('\x1f') === true) return undefined;
  const tagsField = tags === undefined ? '-' : `=${tags}`;
  const dirField = workDir === undefined ? '-' : `=${workDir}`;
  return `${taskId}\x1f${stepId}\x1f${idx}\x1f${occurrence ?? '-'}\x1f${tagsField}\x1f${dirField}`;
}

// A key's row as KeyTable.setRow() reads it: row id, \x1e, the run it was reused from ('' for the row's own run),
// \x1e, the key when it is 64 characters long ('' otherwise), \x1e, the fields (reuseFields()). `from`: SQL of that run.
// One concat() (NULL-safe: every nullable column is wrapped) is cheaper than a chain of ||.
export function keyRowSql(from: string): string {
  const key = "CASE WHEN length(key) = 64 THEN key ELSE '' END";
  return `concat(rowid, char(30), ${from}, char(30), ${key}, char(30), ${REUSE_FIELDS}, char(31), ${TAGS_AND_DIR})`;
}

// The rows a KeyTable was set from, each with its entry, in runs of ascending row ids (as each read gave them).
export class LoadedRows {
  private rows = new Float64Array(1024);
  private entries = new Int32Array(1024);
  private count = 0;
  private readonly starts: number[] = []; // where each ascending run of rows starts

  add(row: number, entry: number): void {
    if (this.count === this.rows.length) {
      const rows = new Float64Array(this.count * 2);
      rows.set(this.rows);
      this.rows = rows;
      const entries = new Int32Array(this.count * 2);
      entries.set(this.entries);
      this.entries = entries;
    }
    if (this.count === 0 || (this.rows[this.count - 1] as number) >= row) this.starts.push(this.count);
    this.rows[this.count] = row;
    this.entries[this.count++] = entry;
  }

  // Whether every row id from `first` to `last` was added, and `current(entry, row)` holds for each.
  covers(first: number, last: number, current: (entry: number, row: number) => boolean): boolean {
    for (let s = 0; s < this.starts.length; s++) {
      const start = this.starts[s] as number;
      const end = s + 1 < this.starts.length ? (this.starts[s + 1] as number) : this.count;
      let at = this.search(first, start, end);
      if (at === end || this.rows[at] !== first) continue;
      for (let row = first; row <= last; row++, at++) {
        if (at === end || this.rows[at] !== row || !current(this.entries[at] as number, row)) return false;
      }
      return true;
    }
    return false;
  }

  // The first index in [start, end) whose row is not below `row`.
  private search(row: number, start: number, end: number): number {
    let low = start;
    let high = end;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.rows[mid] as number) < row) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
