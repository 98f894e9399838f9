// The text of a file named by an http:// or https:// URL (`file('https://…/robots.txt').text`), as Nextflow reads a
// foreign file. The evaluator is synchronous, so a child node process does the GET with fetch (redirects, TLS and
// the CA certificates are fetch's own) and the script waits for it; other remote schemes are staged, never read here.
import { spawnSync } from 'node:child_process';

const GET = `
fetch(process.argv[1], { redirect: 'follow' }).then(
  async (response) => {
    if (!response.ok) {
      process.stderr.write(('HTTP ' + response.status + ' ' + response.statusText).trim());
      process.exit(2);
    }
    process.stdout.write(Buffer.from(await response.arrayBuffer()));
  },
  (error) => {
    const code = error.cause?.code;
    process.stderr.write(code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'unknown host ' + new URL(process.argv[1]).hostname : String(code ?? error.message));
    process.exit(1);
  },
);
`;

const LIMIT = 256 * 1024 * 1024; // the most text a script reads this way
const TIMEOUT_MS = 5 * 60_000;

// Whether `path` names a file over HTTP(S).
export function isHttpUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

// Fetches `url` and returns its body as text; throws an Error saying why it could not.
export function fetchTextSync(url: string): string {
  const child = spawnSync(process.execPath, ['-e', GET, url], {
    encoding: 'buffer',
    maxBuffer: LIMIT,
    timeout: TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.error !== undefined) throw child.error;
  if (child.status !== 0) throw new Error(child.stderr.toString('utf8').trim() || `exit status ${child.status}`);
  return child.stdout.toString('utf8');
}
