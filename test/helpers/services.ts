// Whether an external service the integration tests need is reachable; with PIPE_REQUIRE_SERVICES=1 a missing
// service fails the tests that need it instead of skipping them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_SLURM_CONF = '/tmp/pipe-slurm/slurm.conf'; // where .ci/services/slurm.sh writes it

// Points Slurm clients at the test cluster (unless SLURM_CONF is set) and reports whether it answers.
export function slurmReachable(): boolean {
  if (process.env.SLURM_CONF === undefined && existsSync(DEFAULT_SLURM_CONF))
    process.env.SLURM_CONF = DEFAULT_SLURM_CONF;
  const result = spawnSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', timeout: 15_000 });
  return result.status === 0 && /idle|mixed|allocated/.test(result.stdout);
}

// Whether PBS commands (Slurm's PBS wrappers, or a real PBS) are there and answer.
export function pbsReachable(): boolean {
  if (!slurmReachable()) return false;
  // Output ignored: with many finished test jobs still listed it can exceed any buffer.
  const result = spawnSync('qstat', [], { stdio: 'ignore', timeout: 30_000 });
  return result.status === 0;
}

// The PostgreSQL test database's URL (PIPE_TEST_POSTGRES, printed by `.ci/services/postgres.sh start`), if set.
export function postgresUrl(): string | undefined {
  const url = process.env.PIPE_TEST_POSTGRES?.trim();
  return url === undefined || url === '' ? undefined : url;
}

// podman's settings for machines where its defaults cannot start containers (see .ci/services/images.sh).
const PROJECT_CONTAINERS_CONF = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.ci',
  'services',
  'containers.conf',
);

// Whether podman holds `image` and starts a container from it; when it starts one only with the project's
// containers.conf, CONTAINERS_CONF is pointed there (as .ci/services/images.sh prints) for pipe to inherit.
export function podmanImageRuns(image: string): boolean {
  const starts = (env: NodeJS.ProcessEnv) =>
    spawnSync('podman', ['run', '--rm', '--pull=never', '--network=none', image, 'true'], {
      env,
      stdio: 'ignore',
      timeout: 60_000,
    }).status === 0;
  if (spawnSync('podman', ['image', 'exists', image], { stdio: 'ignore', timeout: 15_000 }).status !== 0) return false;
  if (starts(process.env)) return true;
  if (
    process.env.CONTAINERS_CONF !== undefined ||
    !starts({ ...process.env, CONTAINERS_CONF: PROJECT_CONTAINERS_CONF })
  )
    return false;
  process.env.CONTAINERS_CONF = PROJECT_CONTAINERS_CONF;
  return true;
}

// Fails at once when services are required but `name` is not reachable; otherwise tells whether to run.
export function requireService(name: string, reachable: boolean, start = '.ci/services/slurm.sh start'): boolean {
  if (!reachable && process.env.PIPE_REQUIRE_SERVICES === '1') {
    throw new Error(`${name} is not reachable but PIPE_REQUIRE_SERVICES=1 (start it with ${start})`);
  }
  return reachable;
}
