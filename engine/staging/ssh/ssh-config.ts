// ~/.ssh/config as OpenSSH reads it for one host: the first value of each keyword wins, over every `Host` block whose
// patterns match the name written in the URI (ssh_config(5)). `Match` blocks and `Include` are not followed.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

// The settings the ssh stager uses, keyed by lower-case keyword.
export interface HostConfig {
  readonly hostname?: string;
  readonly port?: string;
  readonly user?: string;
  readonly identityfile?: readonly string[]; // every IdentityFile, in order
  readonly identitiesonly?: string;
  readonly identityagent?: string;
  readonly userknownhostsfile?: string;
  readonly stricthostkeychecking?: string;
  readonly connecttimeout?: string;
}

// Whether `host` matches one ssh pattern (`*`, `?`).
function matchesPattern(host: string, pattern: string): boolean {
  const re = pattern
    .replace(/[.+^$()|[\]{}\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(host);
}

// Whether a `Host` line's pattern list matches: any positive pattern and no negated one.
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesPattern(host, pattern.slice(1))) return false;
    } else if (matchesPattern(host, pattern)) matched = true;
  }
  return matched;
}

// Splits a config line into keyword and arguments (`Key value`, `Key=value`, quoted arguments).
function splitLine(line: string): [string, string[]] | undefined {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(text);
  if (match === null) return [text.toLowerCase(), []];
  const args = [...(match[2] as string).matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? (m[2] as string));
  return [(match[1] as string).toLowerCase(), args];
}

// The configuration for `host` from the text of an ssh config file.
export function configForHost(text: string, host: string): HostConfig {
  const out: Record<string, string | string[]> = {};
  let active = true; // lines before the first Host apply to every host
  for (const line of text.split(/\r?\n/)) {
    const parsed = splitLine(line);
    if (parsed === undefined) continue;
    const [key, args] = parsed;
    if (key === 'host') {
      active = hostMatches(host, args);
      continue;
    }
    if (key === 'match') {
      active = false;
      continue;
    }
    if (!active || args.length === 0) continue;
    if (key === 'identityfile') {
      out.identityfile = [...((out.identityfile as string[] | undefined) ?? []), args[0] as string];
    } else if (out[key] === undefined) out[key] = args[0] as string;
  }
  return out as HostConfig;
}

// Expands `~` and the tokens %d (home), %u (local user), %h (host name), %r (remote user), %% in a path setting.
export function expandPath(
  path: string,
  ctx: { home: string; host: string; user: string; localUser: string },
  baseDir = join(ctx.home, '.ssh'),
): string {
  const expanded = path
    .replace(/^~(?=\/|$)/, ctx.home)
    .replace(/%([%dhru])/g, (_, t: string) =>
      t === '%' ? '%' : t === 'd' ? ctx.home : t === 'h' ? ctx.host : t === 'r' ? ctx.user : ctx.localUser,
    );
  return isAbsolute(expanded) ? expanded : join(baseDir, expanded);
}

// The home directory the ssh settings are read from.
export function sshHome(homeDir?: string): string {
  return homeDir ?? homedir();
}
