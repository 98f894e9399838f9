import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../engine/errors.js';
import { nextflowLaunch } from '../../../../ui/cli/nextflow/launch.js';
import { defaultReportName, isParamValue, parseNextflowArgs } from '../../../../ui/cli/nextflow/parse-args.js';

const now = new Date(2026, 0, 2, 3, 4, 5, 6);
const stamp = '20260102-11045006';

describe('parseNextflowArgs reads a .nf run as `nextflow run` does', () => {
  const cases: ReadonlyArray<readonly [string, readonly string[], Record<string, unknown>, readonly string[]]> = [
    [
      '-with-trace before an option takes no file',
      ['main.nf', '-with-trace', '-plain'],
      { withTrace: true, plain: true },
      [],
    ],
    ['-with-trace with a file takes it', ['main.nf', '-with-trace', 't.txt'], { withTrace: 't.txt' }, []],
    ['-with-timeline is one option, not -w', ['main.nf', '-with-timeline'], { withTimeline: true }, []],
    ['-with-docker with no image', ['main.nf', '-with-docker'], { withDocker: true }, []],
    ['-with-podman with an image', ['main.nf', '-with-podman', 'ubuntu:22.04'], { withPodman: 'ubuntu:22.04' }, []],
    ['-with-dag at the end', ['main.nf', '-with-dag'], { withDag: true }, []],
    ['-w is the work dir', ['main.nf', '-w', 'scratch'], { workDir: 'scratch' }, []],
    ['-work-dir is the work dir', ['-work-dir', 'scratch', 'main.nf'], { workDir: 'scratch' }, []],
    ['-resume alone', ['main.nf', '-resume'], { resume: true }, []],
    ['-resume last', ['main.nf', '-resume', 'last'], { resume: true }, []],
    ['-resume a run id', ['main.nf', '-resume', '20260101-120000-ab12'], { resume: '20260101-120000-ab12' }, []],
    ['-resume before the pipeline leaves it alone', ['-resume', 'main.nf'], { resume: true }, []],
    [
      '-c is repeatable',
      ['-c', 'a.config', 'main.nf', '-config', 'b.config'],
      { config: ['a.config', 'b.config'] },
      [],
    ],
    ['-ansi-log false', ['main.nf', '-ansi-log', 'false'], { ansiLog: false }, []],
    ['-ansi-log alone means true', ['main.nf', '-ansi-log'], { ansiLog: true }, []],
    ['-stub-run', ['main.nf', '-stub-run'], { stubRun: true }, []],
    ['-stub true', ['main.nf', '-stub', 'true'], { stubRun: true }, []],
    ['-stub-run false', ['main.nf', '-stub-run', 'false'], { stubRun: false }, []],
    ['-N with recipients', ['main.nf', '-N', 'me@example.org'], { notify: 'me@example.org' }, []],
    [
      '-bg, -name, -entry, -preview',
      ['-bg', 'main.nf', '-name', 'x1', '-entry', 'W', '-preview'],
      { background: true, runName: 'x1', entry: 'W', preview: true },
      [],
    ],
    ['-dump-hashes json', ['main.nf', '-dump-hashes', 'json'], { dumpHashes: 'json' }, []],
    ['-o is the output dir', ['main.nf', '-o', 'out'], { outputDir: 'out' }, []],
    ['-qs is the queue size', ['main.nf', '-qs', '4'], { jobs: '4' }, []],
    ['--outdir is a param', ['main.nf', '--outdir', 'out'], {}, ['--outdir=out']],
    [
      '--jobs, --input, --profile are params',
      ['main.nf', '--jobs', '2', '--input', 'a.csv', '--profile', 'x'],
      {},
      ['--jobs=2', '--input=a.csv', '--profile=x'],
    ],
    ['--flag before an option is true', ['main.nf', '--skip', '-resume'], { resume: true }, ['--skip=true']],
    ['--name=value is kept', ['main.nf', '--a=b c'], {}, ['--a=b c']],
    ['--n -1 takes the negative number', ['main.nf', '--n', '-1'], {}, ['--n=-1']],
    ['--x - takes the single character', ['main.nf', '--x', '-'], {}, ['--x=-']],
    ['--with-trace is a param', ['main.nf', '--with-trace'], {}, ['--with-trace=true']],
    [
      '-process.x / -executor.x / -cluster.x are config settings; alone they are true',
      ['main.nf', '-process.debug', '-executor.cpus', '2', '-cluster.queueSize=4', '-process.memory', '1 GB'],
      { configOverrides: ['process.debug=true', 'executor.cpus=2', 'executor.queueSize=4', 'process.memory=1 GB'] },
      [],
    ],
  ];
  it.each(cases)('%s', (_title, words, options, params) => {
    const parsed = parseNextflowArgs(words);
    expect(parsed.pipeline).toBe('main.nf');
    expect(parsed.options).toEqual(options);
    expect(parsed.params).toEqual(params);
  });

  const errors: ReadonlyArray<readonly [readonly string[], RegExp, RegExp]> = [
    [['main.nf', '--parallel', '-with-timelin'], /unknown option `-with-timelin`/, /did you mean `-with-timeline`/],
    [['main.nf', '-lib', 'x'], /`-lib` is not supported/, /Groovy/],
    [['main.nf', '-e.FOO', '2'], /`-e.FOO` is not supported/, /env/],
    [['main.nf', '-profile'], /`-profile` needs a value/, /-profile VALUE/],
    [['main.nf', '-profile', '-resume'], /`-profile` needs a value/, /VALUE/],
    [['main.nf', '-ansi-log', 'maybe'], /true or false, got "maybe"/, /./],
    [['main.nf', '-zzz'], /unknown option `-zzz` for a .nf run/, /single-dash/],
  ];
  it.each(errors)('rejects %j with a message and a hint', (words, message, hint) => {
    const error = (() => {
      try {
        parseNextflowArgs(words);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    expect((error as UsageError).hint).toMatch(hint);
  });

  it('keeps words after the pipeline as script arguments', () => {
    expect(parseNextflowArgs(['main.nf', 'extra']).scriptArgs).toEqual(['extra']);
  });

  it.each([
    ['x', true],
    ['-', true],
    ['-1.5', true],
    ['a b', true],
    ['-x', false],
    ['--y', false],
    ['', false],
    [undefined, false],
  ] as const)('isParamValue(%j) is %s, as Launcher.isValue', (word, expected) => {
    expect(isParamValue(word)).toBe(expected);
  });

  it.each(['trace', 'report', 'timeline', 'dag'] as const)('names a default %s file as Nextflow does', (kind) => {
    expect(defaultReportName(kind, now)).toBe(`${kind}-${stamp}.${kind === 'trace' ? 'txt' : 'html'}`);
  });
});

describe('nextflowLaunch tells a .nf run from the other command lines', () => {
  it('reads launcher options before `run`', () => {
    const launch = nextflowLaunch(['-q', '-c', 'x.config', 'run', 'main.nf', '-profile', 'test', '--outdir', 'o'], now);
    expect(launch?.file).toBe('main.nf');
    expect(launch?.options).toMatchObject({ quiet: true, config: ['x.config'], profile: 'test' });
    expect(launch?.params).toEqual(['--outdir=o']);
  });

  it('gives default file names to report options without one', () => {
    const launch = nextflowLaunch(
      ['run', 'main.nf', '-with-trace', '-with-report', '-with-timeline', '-with-dag'],
      now,
    );
    expect(launch?.options).toMatchObject({
      withTrace: `trace-${stamp}.txt`,
      withReport: `report-${stamp}.html`,
      withTimeline: `timeline-${stamp}.html`,
      withDag: `dag-${stamp}.html`,
    });
  });

  it('maps -ansi-log false to plain progress lines and checks numbers', () => {
    expect(nextflowLaunch(['run', 'main.nf', '-ansi-log', 'false'], now)?.options).toMatchObject({ plain: true });
    expect(() => nextflowLaunch(['run', 'main.nf', '-qs', 'many'], now)).toThrow(/-queue-size to be a positive/);
  });

  it.each([
    [['run', 'wf.cwl', 'job.yml', '--outdir', 'o']],
    [['run', 'list.txt', '-j', '4']],
    [['status']],
    [['--debug', 'tasks', '--run', 'x']],
    [['run', '--capture', 'list.txt']],
  ])('leaves %j to commander', (argv) => {
    expect(nextflowLaunch(argv, now)).toBeUndefined();
  });

  it('reports a .nf run whose words do not parse', () => {
    expect(() => nextflowLaunch(['run', 'main.nf', '-bogus'], now)).toThrow(/unknown option `-bogus`/);
    expect(() => nextflowLaunch(['run', '-with-dag', 'main.nf'], now)).toThrow(/no pipeline file given/);
  });

  it('rejects launcher options before `run` of another format', () => {
    expect(() => nextflowLaunch(['-c', 'x.config', 'run', 'wf.cwl'], now)).toThrow(/applies to .nf pipelines only/);
  });
});
