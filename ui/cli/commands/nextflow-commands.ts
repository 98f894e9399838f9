// `pipe config`, `pipe secrets` and `pipe inspect`: Nextflow's commands beside `run` that pipelines' users and test scripts call.
import type { Command } from 'commander';
import { UsageError } from '../../../engine/errors.js';
import type { ConfigRequest } from '../../commands/nf-config.js';
import { action, collect } from './shared.js';

// Adds them to the program.
export function addNextflowCommands(program: Command): void {
  // Read before commander (nextflow/dispatch.ts, with `-C`/`-c` before the command); commander lists it and prints
  // its help, and runs it when other launcher words come first (`pipe --debug config`).
  program
    .command('config')
    .description("print a .nf pipeline's configuration as `nextflow config` (`pipe config -profile NAMES -a`)")
    .argument('[target]', 'the pipeline: its directory (default: the current one) or its script')
    .option('--profile <names>', 'configuration profiles, comma-separated (default: standard)')
    .option('-a, --show-profiles', "the settings outside profiles, then each profile's own")
    .action(
      action(async (target: string | undefined, options: { profile?: string; showProfiles?: boolean }) => {
        const words = ['config', ...(target === undefined ? [] : [target])];
        if (options.profile !== undefined) words.push('-profile', options.profile);
        if (options.showProfiles === true) words.push('-a');
        const { configRequest, nfConfigCommand } = await import('../../commands/nf-config.js');
        return nfConfigCommand(configRequest(words) as ConfigRequest);
      }),
    );
  program
    .command('secrets')
    .description('set, get, list or delete the secrets configs and scripts read as `secrets.NAME` (nextflow secrets)')
    .argument('<action>', 'set NAME [VALUE] (VALUE from stdin when not given), get NAME, list, delete NAME')
    .argument('[name]', 'the secret (letters, digits and _)')
    .argument('[value]', 'with set: its value')
    .action(
      action(async (act: string, name: string | undefined, value: string | undefined) =>
        (await import('../../commands/secrets.js')).secretsCommand(act, name, value),
      ),
    );
  program
    .command('inspect')
    .description(
      "list each process's container, resolved from config and directives, without running (nextflow inspect)",
    )
    .argument('<pipeline>', 'the .nf pipeline')
    .argument('[params...]', '`--name value` pipeline params, as for pipe run')
    .allowUnknownOption()
    .option('--format <format>', 'json (default) or config: `process { withName: … { container = … } }` lines')
    .option('--concretize', 'have podman hold every image, pulling those it lacks')
    .option('-i, --ignore-errors', 'warn about a process whose container cannot be resolved, and go on')
    .option('-c, --config <file>', 'an extra configuration file (repeatable)', collect)
    .option('--profile <names>', 'configuration profiles, comma-separated')
    .option('--params-file <file>', 'a YAML or JSON file of params')
    .option('-r, --revision <rev>', 'refused: pipe inspects local .nf files, not projects from a repository')
    .action(
      action(async (file: string, params: string[], options: Record<string, unknown>) => {
        if (options.revision !== undefined)
          throw new UsageError('-revision is not supported', { hint: 'pipe inspects local .nf files' });
        return (await import('../../commands/inspect.js')).inspectCommand(file, params, options);
      }),
    );
}
