// The shims on their fast path: `sbatch`, `qsub`, `squeue` and `qstat` as POSIX sh scripts that need no round trip
// to the gateway for what Nextflow asks of them. A submission whose options the script can vouch for is given a job
// id by creating `spool/N` exclusively (noclobber, so concurrent submissions never share an id) with the job's
// record in it, and is answered at once; the gateway picks the record up (fs.watch and a scan) and queues it. The
// status commands Nextflow runs print a snapshot the gateway rewrites whenever a job changes state. Anything else
// (stdin scripts, arrays, options the script does not know, values it cannot check) is handed to the round-trip
// script in the state dir, which answers exactly as before; the checks here only decide which path is taken, so a
// submission they take is one the gateway's parser (sbatch.ts, qsub.ts) accepts.
import { shellQuote } from '../../../engine/workdir/shell-quote.js';
import { PBS_SERVER } from './job-ids.js';

export const SPOOL_DIR = 'spool';
export const SPOOL_MAGIC = 'pipe-spool-1';
export const NEXT_ID_FILE = 'next-job-id';
export const PID_FILE = 'gateway.pid';
export const STATUS_DIR = 'status';
export const SLOW_DIR = 'slow';

export type FastCommand = 'sbatch' | 'qsub' | 'squeue' | 'qstat';
export const FAST_COMMANDS: readonly FastCommand[] = ['sbatch', 'qsub', 'squeue', 'qstat'];

export interface Snapshot {
  readonly file: string; // under STATE/status
  readonly command: 'squeue' | 'qstat';
  readonly args: readonly string[]; // the exact command line it answers
}

// The command lines answered from a snapshot: SlurmExecutor's `squeue`, PbsExecutor's `qstat -f -1`, and PbsPro
// executor's `qstat -B` / `qstat -B -f` (to find the server) then `qstat -f` (no server found) or `qstat -f @SERVER`.
export function statusSnapshots(user: string): readonly Snapshot[] {
  return [
    { file: 'squeue', command: 'squeue', args: ['--noheader', '-o', '%i %t', '-t', 'all', '-u', user] },
    { file: 'qstat-f-1', command: 'qstat', args: ['-f', '-1'] },
    { file: 'qstat-f', command: 'qstat', args: ['-f'] },
    { file: 'qstat-f-server', command: 'qstat', args: ['-f', `@${PBS_SERVER}`] },
    { file: 'qstat-B', command: 'qstat', args: ['-B'] },
    { file: 'qstat-B-f', command: 'qstat', args: ['-B', '-f'] },
  ];
}

// The lines every fast script starts with: where the state is, the way to the round-trip script, and whether the
// gateway is up (its pid file names a live process).
function prologue(command: FastCommand, stateDir: string): string {
  return `#!/bin/sh
# \`${command}\` as pipe's shims provide it (written by \`pipe shims\`; see docs/nextflow-executor.md).
state=${shellQuote(stateDir)}
slow() { exec "$state/${SLOW_DIR}/${command}" "$@"; }
live() { read -r pid <"$state/${PID_FILE}" && kill -0 "$pid"; } 2>/dev/null
`;
}

// Shared by sbatch and qsub: value checks (each accepts a subset of what the gateway's parser accepts), the header
// reader (`#SBATCH` / `#PBS` lines up to the first line that is neither blank nor a comment; quotes and comments
// inside a directive go the slow way), and the spooling of the record.
const SUBMIT_HELPERS = `count() { case $1 in '' | 0* | *[!0-9]*) return 1 ;; esac; }
smem() { v=\${1%[Bb]}; v=\${v%[KkMmGgTt]}; case $v in '' | *[!0-9]*) return 1 ;; esac; }
stime() { case $1 in '' | *[!0-9:-]* | [:-]* | *[:-] | *[:-][:-]* | *-*-* | *:*-* | *:*:*:*) return 1 ;; esac; }
signal() {
  s=\${1#[RB]:}
  case \${s%@*} in USR1 | USR2 | TERM | INT | HUP | QUIT | ALRM | KILL | CONT | STOP) ;; *) return 1 ;; esac
  case $s in *@*) count "\${s#*@}" || [ "\${s#*@}" = 0 ] ;; esac
}
pmem() { v=\${1%[BbWw]}; v=\${v%[KkMmGgTt]}; case $v in '' | *[!0-9]*) return 1 ;; esac; }
ptime() { case $1 in '' | *[!0-9:]* | :* | *: | *::* | *:*:*:*) return 1 ;; esac; }
header() {
  IFS= read -r line || return 1
  case $line in '#!'*) ;; *) return 1 ;; esac
  while read -r line; do
    case $line in
      "$token"[[:blank:]]*)
        rest=\${line#"$token"}
        case $rest in *[\\"\\'#]*) return 1 ;; esac
        words="$words $rest"
        ;;
      '' | '#'*) ;;
      *) return 0 ;;
    esac
  done
}
spool() {
  n=
  read -r n <"$state/${NEXT_ID_FILE}"
  case $n in '' | *[!0-9]*) n=1 ;; esac
  tries=0
  set -C
  until { printf '%s\\0' ${SPOOL_MAGIC} "$command" "$PWD" "$#" "$@"; export -p; printf '\\0end\\0'; } >"$state/${SPOOL_DIR}/$n"; do
    n=$((n + 1))
    tries=$((tries + 1))
    [ "$tries" -lt 1000 ] || return 1
  done
  set +C
} 2>/dev/null
`;

// sbatch's options the fast path takes: [options with a value of any kind, options with no value, options whose
// value is checked by a helper].
const SBATCH_ANY = ['-J', '-o', '-e', '-p', '-A', '-q', '-D', '-C', '-N'];
const SBATCH_ANY_LONG = [
  'job-name',
  'output',
  'error',
  'partition',
  'account',
  'qos',
  'chdir',
  'constraint',
  'nodes',
  'comment',
  'gres',
  'reservation',
  'ntasks-per-node',
  'mail-type',
  'mail-user',
];
const SBATCH_CHECKED: readonly (readonly [string, string, string | undefined])[] = [
  ['count', 'cpus-per-task', 'c'],
  ['count', 'ntasks', 'n'],
  ['smem', 'mem', undefined],
  ['smem', 'mem-per-cpu', undefined],
  ['stime', 'time', 't'],
  ['signal', 'signal', undefined],
];

// sbatch's option cases: every option it takes, and the values the pipe side would refuse checked here.
function sbatchCheck(): string {
  const anyLong = SBATCH_ANY_LONG.map((o) => `--${o}`);
  const checked = SBATCH_CHECKED.map(([helper, long, short]) => {
    const split = [short === undefined ? undefined : `-${short}`, `--${long}`].filter((x) => x !== undefined);
    return [
      `      ${split.join(' | ')}) [ $# -ge 2 ] && ${helper} "$2" || return 1; shift ;;`,
      `      --${long}=*) ${helper} "\${1#*=}" || return 1 ;;`,
      short === undefined ? '' : `      -${short}?*) ${helper} "\${1#-${short}}" || return 1 ;;`,
    ]
      .filter((line) => line !== '')
      .join('\n');
  });
  return checkFunction(`      ${[...SBATCH_ANY, ...anyLong].join(' | ')}) [ $# -ge 2 ] || return 1; shift ;;
      ${anyLong.map((o) => `${o}=*`).join(' | ')}) ;;
      --export=* | --exclusive | --exclusive=* | --no-requeue | --requeue | -Q | --quiet) ;;
      ${SBATCH_ANY.map((o) => `${o}?*`).join(' | ')}) ;;
${checked.join('\n')}`);
}

// The `check` function both commands share around their own option cases: it walks option words as getopt would;
// with `script` as its first argument it also finds the script (the first word that is not an option, which must be
// the last word); with `header` every word must be an option.
function checkFunction(optionCases: string): string {
  return `check() {
  mode=$1
  shift
  while [ $# -gt 0 ]; do
    case $1 in
${optionCases}
      -?*) return 1 ;;
      *)
        [ "$mode" = script ] || { shift; continue; }
        script=$1
        [ $# -eq 1 ] && [ "$script" != - ]
        return
        ;;
    esac
    shift
  done
  [ "$mode" = header ]
}
`;
}

// qsub's options the fast path takes (single letters): with a value of any kind, with none, and -l lists.
const QSUB_ANY = 'NoeqAPdwjvcmMSWkpr';

// The `check` function of qsub, and `res`, which checks a -l list as qsub.ts reads it.
function qsubCheck(): string {
  return `res() {
  old=$IFS
  IFS=,
  set -- $1
  IFS=$old
  for item; do
    case $item in
      walltime=*) ptime "\${item#*=}" || return 1 ;;
      mem=*) pmem "\${item#*=}" || return 1 ;;
      ncpus=*) count "\${item#*=}" || return 1 ;;
      nodes=* | select=*) chunk "\${item#*=}" || return 1 ;;
    esac
  done
}
chunk() {
  old=$IFS
  IFS=:
  set -- $1
  IFS=$old
  [ $# -eq 0 ] || shift
  for part; do
    case $part in
      ppn=* | ncpus=*) count "\${part#*=}" || return 1 ;;
      mem=*) pmem "\${part#*=}" || return 1 ;;
      *=*=*) return 1 ;;
    esac
  done
}
${checkFunction(`      -[${QSUB_ANY}]) [ $# -ge 2 ] || return 1; shift ;;
      -[${QSUB_ANY}]?*) ;;
      -l) [ $# -ge 2 ] && res "$2" || return 1; shift ;;
      -l?*) res "\${1#-l}" || return 1 ;;
      -V | -f) ;;`)}`;
}

// sbatch or qsub: check the command line and the script's directives, spool the record, make sure a gateway is
// there to take it, print the id.
function submitScript(command: 'sbatch' | 'qsub', stateDir: string, pipe: readonly string[]): string {
  const token = command === 'sbatch' ? '#SBATCH' : '#PBS';
  const printed = command === 'sbatch' ? 'Submitted batch job $n' : '$n.pipe';
  return `${prologue(command, stateDir)}command=${command}
token='${token}'
words=
script=
${SUBMIT_HELPERS}${command === 'sbatch' ? sbatchCheck() : qsubCheck()}live || slow "$@"
set -f
check script "$@" || slow "$@"
header 2>/dev/null <"$script" || slow "$@"
check header $words || slow "$@"
spool "$@" || slow "$@"
live || ${pipe.map(shellQuote).join(' ')} shims --start "$state" >/dev/null || exit 1
echo "${printed}"
`;
}

// The test that the arguments are exactly those of a snapshot's command line.
function matches(snapshot: Snapshot): string {
  const tests = [`[ $# -eq ${snapshot.args.length} ]`];
  snapshot.args.forEach((arg, i) => tests.push(`[ "\${${i + 1}}" = ${shellQuote(arg)} ]`));
  return tests.join(' && ');
}

// squeue or qstat: the status command lines Nextflow runs print the gateway's snapshot; others go the slow way.
function statusScript(command: 'squeue' | 'qstat', stateDir: string, user: string): string {
  const mine = statusSnapshots(user).filter((s) => s.command === command);
  return `${prologue(command, stateDir)}show() {
  [ -f "$state/${STATUS_DIR}/$1" ] && live && exec cat "$state/${STATUS_DIR}/$1"
}
${mine.map((s) => `${matches(s)} && show ${s.file}`).join('\n')}
slow "$@"
`;
}

// The fast script of a command.
export function fastScript(command: FastCommand, stateDir: string, user: string, pipe: readonly string[]): string {
  return command === 'sbatch' || command === 'qsub'
    ? submitScript(command, stateDir, pipe)
    : statusScript(command, stateDir, user);
}
