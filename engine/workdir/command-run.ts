// Renders a work dir's two scripts: .command.sh (the task's own script) and .command.run (its wrapper).
import { exportLines, shellQuote } from './shell-quote.js';

const DEFAULT_SHEBANG = '#!/bin/bash -ue';

// Returns .command.sh: the script itself, under `#!/bin/bash -ue` unless it brings its own shebang.
export function renderCommandSh(script: string): string {
  const body = script.endsWith('\n') ? script : `${script}\n`;
  return script.startsWith('#!') ? body : `${DEFAULT_SHEBANG}\n${body}`;
}

// Splits a script's shebang into interpreter and its one optional argument, as the Linux kernel does.
export function interpreterOf(script: string): readonly string[] {
  const first = script.startsWith('#!') ? script.slice(2).split('\n', 1)[0]!.trim() : '';
  const line = first === '' ? DEFAULT_SHEBANG.slice(2) : first;
  const space = line.search(/\s/);
  if (space < 0) return [line];
  return [line.slice(0, space), line.slice(space).trim()];
}

export interface CommandRunOptions {
  readonly dir: string; // absolute work dir
  readonly name: string; // readable task name, for the header comment
  readonly script: string; // to choose the interpreter of .command.sh
  readonly env?: Readonly<Record<string, string>> | undefined;
  // Sample memory and read CPU and I/O counters into .command.trace (for --with-trace and --with-report); off,
  // the wrapper runs the task with fewer processes.
  readonly monitor?: boolean | undefined;
  readonly wrapper?: WrapperOptions | undefined;
}

// How the wrapper runs a task's script, where a format asks for less than the defaults.
export interface WrapperOptions {
  // stdout and stderr go straight into .command.out and .command.err instead of through fifos and tees (which also
  // copy them into the wrapper's own output, .command.log): two processes fewer per task.
  readonly directOutput?: boolean | undefined;
  // A bash .command.sh runs in a subshell of the wrapper instead of a new bash (one program start fewer per task),
  // under its shebang's options; for scripts that expect nothing of a fresh shell ($0, functions, unset names).
  // Scripts for other interpreters run as always.
  readonly inlineScript?: boolean | undefined;
  // .command.sh (plain `#!/bin/bash`) is the whole task: a backend that runs work dirs itself (Backend.direct)
  // sources it in a forked shell and writes .exitcode, with no .command.run; other backends run the wrapper.
  readonly direct?: boolean | undefined;
  // The shell command that runs .command.sh from the work dir when it is not run by its interpreter here: a
  // container engine's run command ending in the interpreter and `.command.sh` (see interpreterOf).
  readonly runCommand?: string | undefined;
}

// Returns .command.run: cd, touch .command.begin, export env, run .command.sh teeing .command.out/.command.err
// through fifos while a sampler watches its memory, write .command.trace (wall time, CPU, I/O, peak memory),
// trap TERM/INT/USR2, and write .exitcode on every exit.
export function renderCommandRun(opts: CommandRunOptions): string {
  const command = opts.wrapper?.runCommand ?? runner(opts.script, opts.wrapper?.inlineScript === true);
  const name = opts.name.replace(/[\r\n]+/g, ' ');
  return `#!/bin/bash
# pipe task wrapper: ${name}
set -u
pipe_dir=${shellQuote(opts.dir)}
pipe_pid=''
pipe_mon=''
pipe_tees=''
pipe_status=''

# Sends SIGTERM to a process and its descendants, found from one ps snapshot.
pipe_kill_tree() {
  local pid ppid next
  local -A kids=()
  local -a queue=("$1")
  if command -v ps >/dev/null 2>&1; then
    while read -r pid ppid; do kids[$ppid]+=" $pid"; done < <(ps -e -o pid= -o ppid= 2>/dev/null)
  fi
  while ((\${#queue[@]})); do
    next=\${queue[0]}
    queue=("\${queue[@]:1}")
    kill -s TERM "$next" 2>/dev/null
    queue+=(\${kids[$next]:-})
  done
}

${opts.monitor === true ? MONITOR_FUNCTIONS : ''}# Removes those of the given files that exist: no process when none does.
pipe_remove() {
  local f
  local -a found=()
  for f in "$@"; do [[ -e $f || -L $f ]] && found+=("$f"); done
  ((\${#found[@]} == 0)) || rm -f -- "\${found[@]}"
}

# Removes the wrapper's scratch files and writes .exitcode (an integer, no newline) whenever the wrapper exits.
# One write(2) of a few bytes: a reader sees the file empty (not finished) or whole, and the wrapper has written
# it before its process ends.
pipe_on_exit() {
  local status=\${pipe_status:-$?}
  cd "$pipe_dir" 2>/dev/null && pipe_remove .command.po .command.pe .command.peak .command.cpu .command.nap
  printf '%s' "$status" >"$pipe_dir/.exitcode"
  exit "$status"
}

# Ends the task on TERM/INT/USR2, waits for it and its output, and exits with 128 + the signal number.
pipe_on_signal() {
  trap '' TERM INT USR2
  pipe_status=$1
  if [[ -n $pipe_pid ]]; then
    pipe_kill_tree "$pipe_pid"
    [[ -n $pipe_mon ]] && kill "$pipe_mon" 2>/dev/null
    wait "$pipe_pid" $pipe_mon $pipe_tees 2>/dev/null
  fi
  exit "$pipe_status"
}

trap pipe_on_exit EXIT
trap 'pipe_on_signal 143' TERM
trap 'pipe_on_signal 130' INT
trap 'pipe_on_signal 140' USR2
cd "$pipe_dir" || exit 1
: >.command.begin
${exportLines(opts.env).join('\n')}
${runSection(opts).replaceAll('RUN_SCRIPT', () => command)}
exit "$pipe_status"
`;
}

// The command that runs .command.sh: its shebang's interpreter on it, or for an inline bash script a subshell
// that drops the wrapper's `set -u` and sources it under the shebang's options.
function runner(script: string, inline: boolean): string {
  const [program, option] = interpreterOf(script);
  if (
    inline &&
    (program === '/bin/bash' || program === '/usr/bin/bash') &&
    (option === undefined || /^-[a-z]+$/.test(option))
  ) {
    return `( set +u${option === undefined ? '' : ` ${option}`}; . ./.command.sh )`;
  }
  return `${interpreterOf(script).map(shellQuote).join(' ')} .command.sh`;
}

// The lines that run .command.sh: teeing its output through fifos or redirecting it, with or without the sampler
// and the counters that make .command.trace.
function runSection(opts: CommandRunOptions): string {
  const tee = opts.wrapper?.directOutput !== true;
  const monitor = opts.monitor === true;
  const fifos = [...(tee ? ['.command.po', '.command.pe'] : []), ...(monitor ? ['.command.nap'] : [])].join(' ');
  return [
    ...(fifos === '' ? [] : [`pipe_remove ${fifos}`, `mkfifo ${fifos} || exit 1`]),
    ...(tee
      ? ['tee .command.out <.command.po &', 'pipe_tees=$!', 'tee .command.err <.command.pe >&2 &', 'pipe_tees+=" $!"']
      : []),
    ...(monitor ? ['pipe_read_io before', 'pipe_read_cpu before', 'pipe_t0=${EPOCHREALTIME:-}'] : []),
    // a task's standard input is .command.in when the work dir has one (Nextflow's stdin inputs), else nothing
    'pipe_in=/dev/null',
    '[[ -f .command.in ]] && pipe_in=.command.in',
    `RUN_SCRIPT <"$pipe_in" ${tee ? '>.command.po 2>.command.pe' : '>.command.out 2>.command.err'} &`,
    'pipe_pid=$!',
    ...(monitor ? ['pipe_monitor "$pipe_pid" </dev/null >/dev/null 2>&1 &', 'pipe_mon=$!'] : []),
    'wait "$pipe_pid"',
    'pipe_status=$?',
    ...(monitor
      ? [
          'pipe_t1=${EPOCHREALTIME:-}',
          'pipe_read_io after',
          'pipe_read_cpu after',
          'kill "$pipe_mon" 2>/dev/null',
          'wait "$pipe_mon"',
          '[[ -n $pipe_t0 && -n $pipe_t1 ]] && pipe_write_trace "$pipe_t1" "$pipe_t0"',
        ]
      : []),
    ...(tee ? ['wait $pipe_tees'] : []),
  ].join('\n');
}

// The sampler and the counter readers behind .command.trace: in the wrapper only when monitoring is on (bash
// parses the whole wrapper for every task).
const MONITOR_FUNCTIONS = `# Samples the task's process tree until it ends: peak resident and virtual memory (VmHWM, VmPeak, in KiB,
# summed over the tree), at once and then at widening intervals, rewriting .command.peak whenever a peak grows.
# It sleeps in \`read -t\` on a fifo no one writes to: no process per sample, and a TERM ends the wait at once.
pipe_monitor() {
  local root=$1 rss=0 vmem=0 now_rss now_vmem pid key value rest i=0
  local -a queue kids naps=(0.05 0.1 0.2 0.5 1 2)
  trap 'exit 0' TERM
  exec 3<>.command.nap
  while [[ -e /proc/$root/status ]]; do
    now_rss=0 now_vmem=0 queue=("$root")
    while ((\${#queue[@]})); do
      pid=\${queue[0]}
      queue=("\${queue[@]:1}")
      while read -r key value rest; do
        case $key in VmHWM:) ((now_rss += value)) ;; VmPeak:) ((now_vmem += value)) ;; esac
      done 2>/dev/null </proc/$pid/status
      kids=()
      read -r -a kids 2>/dev/null </proc/$pid/task/$pid/children
      queue+=("\${kids[@]}")
    done
    if ((now_rss > rss || now_vmem > vmem)); then
      ((now_rss > rss)) && rss=$now_rss
      ((now_vmem > vmem)) && vmem=$now_vmem
      printf 'peak_rss=%s\\npeak_vmem=%s\\n' "$rss" "$vmem" >.command.peak
    fi
    read -r -t "\${naps[i]}" -u 3 key
    ((i < \${#naps[@]} - 1)) && ((i += 1))
  done
}

# Reads this shell's I/O counters (/proc/self/io counts the children it has waited for) into pipe_io_<name>.
pipe_read_io() {
  local key value
  while read -r key value; do
    case $key in rchar: | wchar: | syscr: | syscw: | read_bytes: | write_bytes:) printf -v "pipe_io_$1_\${key%:}" '%s' "$value" ;; esac
  done 2>/dev/null </proc/$BASHPID/io
}

# Reads the children's user+system CPU time (bash's \`times\`, second line) in milliseconds into pipe_cpu_<name>.
pipe_read_cpu() {
  local line user sys ms=0 part m s
  times >.command.cpu
  { read -r line; read -r user sys; } <.command.cpu
  for part in "$user" "$sys"; do
    m=\${part%%m*} s=\${part#*m} s=\${s%s}
    ((ms += 10#$m * 60000 + 10#\${s%.*} * 1000 + 10#\${s#*.}))
  done
  printf -v "pipe_cpu_$1" '%s' "$ms"
}

# Writes .command.trace in Nextflow's v2 format from the counters read before and after the task.
pipe_write_trace() {
  local real=$(( (\${1//./} - \${2//./}) / 1000 )) cpu=$((pipe_cpu_after - pipe_cpu_before)) key before after
  {
    echo 'nextflow.trace/v2'
    echo "realtime=$real"
    echo "%cpu=$(( real > 0 ? cpu * 1000 / real : 0 ))"
    for key in rchar wchar syscr syscw read_bytes write_bytes; do
      before=pipe_io_before_$key after=pipe_io_after_$key
      [[ -n \${!before:-} && -n \${!after:-} ]] && echo "$key=$(( \${!after} - \${!before} ))"
    done
    [[ -s .command.peak ]] && while read -r key; do echo "$key"; done <.command.peak
  } >.command.trace
}

`;
