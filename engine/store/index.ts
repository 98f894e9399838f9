export type { RunRecord, RunStatus, StepRecord, Store, TaskQuery, TaskRecord } from './store.js';
export { openSqliteStore } from './sqlite-store.js';
export type { SqliteStore, SqliteStoreOptions } from './sqlite-store.js';
export type { GroupCommitStats } from './group-commit.js';
