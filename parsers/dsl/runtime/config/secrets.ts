// Nextflow's local secrets store for `secrets.NAME` in configs and scripts and `pipe secrets`: a JSON list of
// {name, value} (as Nextflow's ~/.nextflow/secrets/store.json), in $PIPE_SECRETS_FILE or ~/.pipe/secrets/store.json,
// readable by its owner only (0600, in a 0700 folder).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, UsageError } from '../../../../engine/errors.js';

// A secret's name as Nextflow allows it.
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Where the secrets are kept.
export function secretsFile(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.PIPE_SECRETS_FILE;
  return given !== undefined && given !== '' ? given : join(homedir(), '.pipe', 'secrets', 'store.json');
}

// Every secret by name; none when the store does not exist yet.
export function readSecrets(file = secretsFile()): Map<string, string> {
  if (!existsSync(file)) return new Map();
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: the secrets store is not valid JSON`, {
      cause: error,
      hint: 'fix or remove the file; `pipe secrets set NAME VALUE` makes a new one',
    });
  }
  const list = Array.isArray(entries) ? (entries as { name?: unknown; value?: unknown }[]) : [];
  return new Map(list.flatMap((e) => (typeof e.name === 'string' ? [[e.name, String(e.value ?? '')]] : [])));
}

// Replaces the store with these secrets, written to a private temporary file first.
export function writeSecrets(secrets: ReadonlyMap<string, string>, file = secretsFile()): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const next = `${file}.${process.pid}.tmp`;
  const list = [...secrets].map(([name, value]) => ({ name, value }));
  writeFileSync(next, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
  chmodSync(next, 0o600);
  renameSync(next, file);
}

// Checks a secret's name, naming the bad one.
export function checkSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) {
    throw new UsageError(`not a valid secret name: \`${name}\``, {
      hint: 'a secret name holds letters, digits and _, and does not start with a digit',
    });
  }
}

let cached: Map<string, unknown> | undefined;

// `secrets` as configs and scripts see it: a map from name to value, read once per process.
export function secretsScope(): Map<string, unknown> {
  cached ??= new Map(readSecrets());
  return cached;
}
