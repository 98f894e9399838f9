// Scheme → stager. Schemes are built when a URI first needs them, so a run without remote data never loads ssh2 or
// the Globus SDK.
import { StagingError, StagingReason } from './errors.js';
import { createFileStager, type LinkMode } from './file-stager.js';
import type { Stager } from './stager.js';

export type StagerFactory = () => Promise<Stager> | Stager;

export interface StagerRegistry {
  readonly schemes: readonly string[];
  // The stager for the URI's scheme; a StagingError naming the URI when no scheme matches.
  stagerFor(uri: URL): Promise<Stager>;
  close(): Promise<void>;
}

export interface RegistryOptions {
  readonly fileMode?: LinkMode | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined; // for the ssh agent socket, Globus credentials and service URLs
  readonly homeDir?: string | undefined; // where ~/.ssh and ~/.pipe live (default: os.homedir())
  readonly extra?: Readonly<Record<string, StagerFactory>> | undefined; // more schemes, or replacements (tests)
}

// The built-in schemes.
function builtins(opts: RegistryOptions): Record<string, StagerFactory> {
  const ssh: StagerFactory = async () => {
    const { createSshStager } = await import('./ssh/ssh-stager.js');
    return createSshStager({ env: opts.env, homeDir: opts.homeDir });
  };
  const globus: StagerFactory = async () => {
    const { createGlobusStager } = await import('./globus/globus-stager.js');
    return createGlobusStager({ env: opts.env, homeDir: opts.homeDir });
  };
  const http: StagerFactory = async () => {
    const { createHttpStager } = await import('./http-stager.js');
    return createHttpStager();
  };
  return { file: () => createFileStager({ mode: opts.fileMode }), scp: ssh, sftp: ssh, globus, http, https: http };
}

// Creates a registry; each factory runs at most once, scp and sftp share one stager (one connection per host), and
// so do http and https.
export function createStagerRegistry(opts: RegistryOptions = {}): StagerRegistry {
  const factories = { ...builtins(opts), ...opts.extra };
  const byFactory = new Map<StagerFactory, Promise<Stager>>();
  return {
    schemes: Object.keys(factories),
    async stagerFor(uri) {
      const scheme = uri.protocol.replace(/:$/, '');
      const factory = factories[scheme];
      if (factory === undefined)
        throw new StagingError(uri.href, StagingReason.Scheme, `no stager for the scheme "${scheme}"`, {
          hint: `known schemes: ${Object.keys(factories).join(', ')}`,
        });
      let stager = byFactory.get(factory);
      if (stager === undefined) {
        stager = Promise.resolve(factory());
        byFactory.set(factory, stager);
      }
      return stager;
    },
    async close() {
      const made = await Promise.allSettled(byFactory.values());
      byFactory.clear();
      await Promise.all(made.map((m) => (m.status === 'fulfilled' ? m.value.close() : undefined)));
    },
  };
}
