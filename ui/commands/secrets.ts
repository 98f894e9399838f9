// `pipe secrets set|get|list|delete`: the local secrets store that configs and scripts read as `secrets.NAME`, as
// `nextflow secrets` manages it.
import { readFileSync } from 'node:fs';
import { UsageError } from '../../engine/errors.js';
import { closestMatch } from '../../parsers/common/edit-distance.js';
import { checkSecretName, readSecrets, secretsFile, writeSecrets } from '../../parsers/dsl/runtime/config/secrets.js';

// The error for a name the store does not hold, with the closest one it does.
function unknownSecret(name: string, names: readonly string[]): UsageError {
  const near = closestMatch(name, names);
  return new UsageError(`no secret \`${name}\` in ${secretsFile()}`, {
    hint: near === undefined ? 'list them with `pipe secrets list`' : `did you mean \`${near}\`?`,
  });
}

// Runs one `pipe secrets` action; resolves to the exit code.
export async function secretsCommand(
  action: string,
  name: string | undefined,
  value: string | undefined,
): Promise<number> {
  const secrets = readSecrets();
  if (action === 'list') {
    const names = [...secrets.keys()].sort();
    process.stdout.write(names.length === 0 ? 'no secrets\n' : `${names.join('\n')}\n`);
    return 0;
  }
  if (name === undefined)
    throw new UsageError(`\`pipe secrets ${action}\` needs a NAME`, { hint: `pipe secrets ${action} NAME` });
  checkSecretName(name);
  switch (action) {
    case 'set': {
      // No value given: read it from stdin, so it stays out of the shell's history.
      const text = value ?? readFileSync(0, 'utf8').replace(/\r?\n$/, '');
      secrets.set(name, text);
      writeSecrets(secrets);
      return 0;
    }
    case 'get': {
      const found = secrets.get(name);
      if (found === undefined) throw unknownSecret(name, [...secrets.keys()]);
      process.stdout.write(`${found}\n`);
      return 0;
    }
    case 'delete': {
      if (!secrets.delete(name)) throw unknownSecret(name, [...secrets.keys()]);
      writeSecrets(secrets);
      return 0;
    }
    default: {
      const near = closestMatch(action, ['set', 'get', 'list', 'delete']);
      throw new UsageError(`unknown action \`${action}\` for \`pipe secrets\``, {
        hint: near === undefined ? 'actions: set, get, list, delete' : `did you mean \`${near}\`?`,
      });
    }
  }
}
