// SSH connections as OpenSSH would make them for a URI: host aliases, port and user from ~/.ssh/config, keys from
// ssh-agent and ~/.ssh (or IdentityFile), and the server's key checked against known_hosts.
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { AnyAuthMethod, Client, ConnectConfig } from 'ssh2';
import { StagingError, StagingReason } from '../errors.js';
import { ssh2 } from '../packages.js';
import { checkKnownHost, knownHostName } from './known-hosts.js';
import { configForHost, expandPath, sshHome } from './ssh-config.js';

// Where and as whom to connect, and with what.
export interface SshTarget {
  readonly alias: string; // the host as written in the URI
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly auth: readonly AnyAuthMethod[];
  readonly knownHosts: readonly string[]; // texts of the known_hosts files
  readonly strict: boolean; // false only with StrictHostKeyChecking no/off
  readonly timeoutMs: number;
}

export interface SshEnv {
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly homeDir?: string | undefined;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

// Reads a file, or '' when it is not there.
function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

// Resolves the target of an scp:// or sftp:// URI.
export function resolveTarget(uri: URL, opts: SshEnv): SshTarget {
  const env = opts.env ?? process.env;
  const home = sshHome(opts.homeDir);
  const alias = uri.hostname;
  const config = configForHost(readOr(join(home, '.ssh', 'config')), alias);
  const localUser = env.USER ?? userInfo().username;
  const user = decodeURIComponent(uri.username) || config.user || localUser;
  const host = config.hostname?.replace(/%h/g, alias) ?? alias;
  const port = Number(uri.port || config.port || 22);
  const ctx = { home, host, user, localUser };
  const auth: AnyAuthMethod[] = [];
  const agent = config.identityagent === undefined ? env.SSH_AUTH_SOCK : expandPath(config.identityagent, ctx);
  if (agent !== undefined && agent !== '' && agent.toLowerCase() !== 'none' && existsSync(agent))
    auth.push({ type: 'agent', username: user, agent });
  const files = config.identityfile?.map((f) => expandPath(f, ctx)) ?? DEFAULT_KEYS.map((k) => join(home, '.ssh', k));
  for (const file of files) {
    const key = readOr(file);
    if (key !== '' && !/ENCRYPTED|Proc-Type: 4,ENCRYPTED/.test(key.slice(0, 200)))
      auth.push({ type: 'publickey', username: user, key });
  }
  const knownFiles = (config.userknownhostsfile ?? '~/.ssh/known_hosts ~/.ssh/known_hosts2')
    .split(/\s+/)
    .map((f) => expandPath(f, ctx));
  const strictSetting = (config.stricthostkeychecking ?? 'yes').toLowerCase();
  return {
    alias,
    host,
    port,
    user,
    auth,
    knownHosts: [...knownFiles, '/etc/ssh/ssh_known_hosts'].map(readOr),
    strict: strictSetting !== 'no' && strictSetting !== 'off',
    timeoutMs: Number(config.connecttimeout ?? 20) * 1000,
  };
}

// A connection failure of `uri` with its cause named and a hint.
export function connectError(uri: string, target: SshTarget, error: unknown): StagingError {
  const err = error as NodeJS.ErrnoException & { level?: string };
  const message = err?.message ?? String(error);
  const where = `${target.user}@${target.host}:${target.port}`;
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN')
    return new StagingError(uri, StagingReason.UnknownHost, `unknown host "${target.host}"`, {
      cause: error,
      hint: `check the host name, or add a "Host ${target.alias}" entry with its HostName to ~/.ssh/config`,
    });
  if (err.level === 'client-authentication')
    return new StagingError(uri, StagingReason.Auth, `authentication refused for ${where}`, {
      cause: error,
      hint:
        target.auth.length === 0
          ? 'no key found: start ssh-agent and ssh-add a key, or set IdentityFile in ~/.ssh/config'
          : 'the server accepted none of the keys tried (ssh-agent, IdentityFile, ~/.ssh/id_*): check authorized_keys there',
    });
  if (err.code === 'ECONNREFUSED')
    return new StagingError(uri, StagingReason.Transient, `connection refused by ${target.host}:${target.port}`, {
      cause: error,
      hint: 'is sshd running there, on that port?',
    });
  return new StagingError(uri, StagingReason.Transient, `${where}: ${message}`, { cause: error });
}

// Opens an authenticated connection; the server's key must be in known_hosts unless StrictHostKeyChecking is off.
export async function connect(uri: string, target: SshTarget): Promise<Client> {
  const { Client } = ssh2();
  const client = new Client();
  let hostKeyProblem: StagingError | undefined;
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    readyTimeout: target.timeoutMs,
    keepaliveInterval: 15_000,
    authHandler: [...target.auth],
    hostVerifier: (key: Buffer): boolean => {
      if (!target.strict) return true;
      const verdict = checkKnownHost(target.knownHosts, target.host, target.port, key);
      if (verdict.ok) return true;
      const name = knownHostName(target.host, target.port);
      hostKeyProblem = new StagingError(
        uri,
        StagingReason.HostKey,
        verdict.known ? `the host key of ${name} does not match known_hosts` : `${name} is not in known_hosts`,
        {
          hint: verdict.known
            ? 'the server changed its key, or someone is in between: check with its administrator'
            : `connect once with ssh -p ${target.port} ${target.user}@${target.host} to accept its key`,
        },
      );
      return false;
    },
  };
  return new Promise((resolve, reject) => {
    client.once('ready', () => {
      client.removeAllListeners('error');
      client.on('error', () => {}); // a later failure surfaces on the channel that was using it
      resolve(client);
    });
    client.once('error', (error) => {
      client.end();
      reject(hostKeyProblem ?? connectError(uri, target, error));
    });
    client.connect(config);
  });
}
