// `pipe globus login`: prints the Globus Auth URL, reads the code the user pastes, and stores a refresh token
// (mode 0600) for globus:// staging.
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../../engine/errors.js';
import { finishLogin, startLogin } from '../../engine/staging/globus/globus-login.js';
import { tokenFile } from '../../engine/staging/globus/globus-tokens.js';

export interface GlobusLoginOptions {
  readonly clientId?: string;
  readonly scope?: string[];
}

// Runs the login; resolves to the exit code.
export async function globusLoginCommand(
  options: GlobusLoginOptions,
  io: { input: NodeJS.ReadableStream; write: (text: string) => void } = {
    input: process.stdin,
    write: (text) => process.stderr.write(text),
  },
): Promise<number> {
  const clientId = options.clientId ?? process.env.GLOBUS_CLIENT_ID;
  if (clientId === undefined || clientId === '')
    throw new UsageError('no Globus client id', {
      hint: 'register a native app at https://app.globus.org/settings/developers and pass --client-id ID (or set GLOBUS_CLIENT_ID)',
    });
  const start = startLogin(clientId, process.env, options.scope ?? []);
  io.write(`Open this URL, log in, and paste the code it shows:\n\n  ${start.url}\n\n`);
  const lines = createInterface({ input: io.input, terminal: false });
  const code = await lines.question('code: ');
  lines.close();
  if (code.trim() === '') throw new UsageError('no code was entered', { hint: 'run `pipe globus login` again' });
  const file = tokenFile({});
  await finishLogin(clientId, start, code, file);
  io.write(`pipe: logged in to Globus; refresh token stored in ${file} (mode 0600)\n`);
  return 0;
}
