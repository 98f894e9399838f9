// `pipe secrets`: Nextflow's commands beside `run` that pipelines' users and test scripts call.
import type { Command } from 'commander';
import { action } from './shared.js';

// Adds them to the program.
export function addNextflowCommands(program: Command): void {
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
}
