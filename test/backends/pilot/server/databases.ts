// The queue databases every pilot server test runs against: a SQLite file, and PostgreSQL when PIPE_TEST_POSTGRES
// is set (each test in a fresh schema, so that other test files may share the database).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { scratchDir } from '../../../helpers/cli.js';
import { postgresUrl, requireService } from '../../../helpers/services.js';

export interface TestDatabase {
  readonly name: string;
  // A --db value for a new, empty queue (the same value reopens that queue), and a clean-up.
  create(): Promise<{ db: string; drop(): Promise<void> }>;
}

const sqlite: TestDatabase = {
  name: 'SQLite',
  async create() {
    return { db: join(scratchDir(), 'queue.db'), drop: async () => undefined };
  },
};

// A database in a schema of its own: its URL sets the search_path.
function postgres(url: string): TestDatabase {
  return {
    name: 'PostgreSQL',
    async create() {
      const schema = `pipe_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const separator = url.includes('?') ? '&' : '?';
      return {
        db: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        async drop() {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  };
}

const pgUrl = postgresUrl();
requireService('PostgreSQL', pgUrl !== undefined, '.ci/services/postgres.sh start, then export PIPE_TEST_POSTGRES');

export const databases: readonly TestDatabase[] = pgUrl === undefined ? [sqlite] : [sqlite, postgres(pgUrl)];
