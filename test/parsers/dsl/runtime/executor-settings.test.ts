import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskSpec } from '../../../../engine/task.js';
import { parseDslWorkflow } from '../../../../parsers/dsl/index.js';
import { schedulerDirectives } from '../../../../parsers/dsl/runtime/config/executor-settings.js';
import { scratchDir } from '../../../helpers/cli.js';

const MAIN = `process SHOW {
  queue 'short'
  clusterOptions { "--comment=item-$x" }
  input:
  val x
  script:
  "echo $x"
}
workflow {
  SHOW(Channel.of('a', 'b'))
}
`;

const CONFIG = `executor {
    queueSize = 10
    pollInterval = '5 sec'
    submitRateLimit = '50/2min'
    $slurm {
        exitReadTimeout = '90 sec'
    }
}
profiles {
    cluster {
        process.executor = 'slurm'
        executor.queueSize = 50
    }
    pro {
        process.executor = 'pbspro'
    }
}
`;

// Parses the pipeline with the profiles and returns the graph and its first step's tasks.
async function load(profiles: string[]) {
  const dir = scratchDir({ 'main.nf': MAIN, 'nextflow.config': CONFIG });
  const graph = parseDslWorkflow(join(dir, 'main.nf'), { launchDir: dir, profiles });
  const tasks: TaskSpec[] = [];
  const step = graph.graph.nodes()[0]!;
  for await (const task of graph.graph.getNodeAttributes(step).source.tasks(new AbortController().signal))
    tasks.push(task);
  await graph.session?.close();
  return { graph, tasks };
}

describe('DSL settings that reach the grid backends', () => {
  it("maps the executor scope to both grid backends' options, `$slurm` to slurm only", async () => {
    const { graph } = await load([]);
    expect(graph.backend).toBeUndefined();
    expect(graph.backendOptions).toEqual({
      slurm: { queueSize: 10, pollIntervalMs: 5000, submitRateLimit: 50 / 120, exitGraceMs: 90_000 },
      pbs: { queueSize: 10, pollIntervalMs: 5000, submitRateLimit: 50 / 120 },
    });
  });

  it("names the backend of a profile's process.executor, with its later executor settings", async () => {
    const { graph } = await load(['cluster']);
    expect(graph.backend).toBe('slurm');
    expect(graph.backendOptions?.slurm).toMatchObject({ queueSize: 50 });
    expect((await load(['pro'])).graph).toMatchObject({
      backend: 'pbs',
      backendOptions: { pbs: { flavor: 'pbspro' } },
    });
  });

  it('gives each task its queue and its own clusterOptions', async () => {
    const { tasks } = await load([]);
    expect(tasks.map((t) => t.scheduler)).toEqual([
      { queue: 'short', clusterOptions: ['--comment=item-a'] },
      { queue: 'short', clusterOptions: ['--comment=item-b'] },
    ]);
  });

  it('reads clusterOptions as one directive line, or one line per list item', () => {
    expect(schedulerDirectives(undefined, '--qos=long --exclusive')).toEqual({
      queue: undefined,
      clusterOptions: ['--qos=long --exclusive'],
    });
    expect(schedulerDirectives('long', ['--qos=long', '--exclusive'])).toEqual({
      queue: 'long',
      clusterOptions: ['--qos=long', '--exclusive'],
    });
    expect(schedulerDirectives(null, '  ')).toBeUndefined();
  });
});
