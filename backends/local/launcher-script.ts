// The bash launcher: one per concurrent slot, running one task at a time as its own process group.
// Arguments: $1 = stderr slot file (truncated per task), $2 = 1 to copy task stderr to the launcher's stderr,
// $3 = prefix of skip files: a task whose file $3ID exists was withdrawn while it waited in the pipe; it is not started;
// $4 = 1 to measure each task: bash's \`time\` around the wait gives the CPU time of everything the task ran (the
// children's rusage it reaped), and the launcher's own /proc/PID/io read as the task is reaped gives its I/O (the
// kernel adds a reaped child's counters to its parent's) against the reading before it: that of the previous task's
// end, or a fresh one when the launcher ran a program of its own since (cat, tail, cp, rm), so a task's figures
// never hold another process's; between two tasks the launcher itself only reads its record and writes its lines
// (a few hundred bytes). The readings go out as read (pipe takes the differences): a fresh one on the S line, the
// end one with the CPU time on one R line, written by \`time\` itself (its TIMEFORMAT is read when the timed group
// ends, after the reading), before the E line. A task that left no stderr has nothing for the
// launcher to run at its end (task_files starts no program then), so the timed group also writes its files and done
// line and puts the E line in the same TIMEFORMAT: one write reports the task's end and figures, and pipe wakes once.
// During the wait stderr stays /dev/null: a \`bash -c\` with job control prints the reaped job's "Done" notice there.
// Peak memory is the node sampler's (backends/common/monitor).
// $5 = 1 when the tasks must die with pipe (a pilot agent's: the server runs them again elsewhere once the agent's
// lease has expired, so none may run on). fd 5 is then a lifeline: pipe never writes to it, so it reads EOF only
// when pipe's end closes, that is when pipe dies. One watcher per launcher (a subshell blocked reading fd 5, which
// also leaves when the launcher is gone) then sends the launcher USR1, whose trap ends the running task's process
// group (TERM, KILL a second later) and the launcher. Without $5 a task outlives pipe, as `pipe run` wants it.
// $6, when given, is a record to run before reading any: the compiled launcher (launcher.c) hands itself over to
// this script with the first work-dir or direct task it was sent, and the script reads on from the same pipe.
// Protocol: protocol.ts. fd 0 = task records (a size, then that many characters: one read call each), fd 3 =
// status lines, fd 4 = the user's stderr. A record's fields are split at its tabs as words (no field is empty but
// the last, and fields carry no tabs of their own), with globbing off and IFS back to its default before any task.
// `set -m` gives every task its own process group (pgid = pid) so the backend can signal it as a whole;
// light tasks in the launch dir ('.') skip the cd; tasks get /dev/null as stdin and never inherit fds 3 and 4.
// A light task's command longer than 32,768 characters runs from a script file beside the slot file (`sh FILE`,
// not `sh -c`): the kernel limits one argument to 128 KiB (MAX_ARG_STRLEN), and a character is up to 4 bytes.
// A light task of kind X (a line with no shell syntax, direct-command.ts) has, after the done line, a count N, N
// NAME=VALUE assignments and the command's words: its subshell unexports the functions the launcher was given (sh
// drops them from the environment it passes on), exports the assignments and execs the words itself (`builtin
// exec`, so that no function or builtin of the launcher's stands in for the program), or runs the builtin for
// `true`, `false` and `:`, which sh runs as builtins too: one exec per task, or none, instead of sh's and then the
// program's.
// A work-dir or direct task's command field, when not empty, is one NAME=VALUE its subshell exports (the GPUs it
// holds). A work-dir task's .command.run is sourced by the forked subshell, which is bash running it as `bash .command.run`
// would (its traps and exit are its own; job control is off in a subshell), without a new bash to start per task.
// A direct task (kind D) has no .command.run: the subshell sources .command.sh with its stdout and stderr in the slot
// file, which is kept as .command.log when not empty; the launcher writes .exitcode before it reports the end.
// A direct task's script ends in `exec env -i NAME=VALUE... COMMAND` (a clean environment, as cwltool gives): in
// the subshell, a shell function named `exec` (functions come before builtins outside POSIX mode) does that without
// starting `env`: it unexports every variable and function the launcher was given (listed once, at start; HPC
// sites export functions such as `module`) and LC_ALL, leaves SHLVL unset, exports the assignments and execs the
// command. Any other use of `exec` goes to the builtin.
// On stdin EOF the loop ends after the current task, so a killed pipe leaves running tasks to finish (work-dir
// tasks still write .exitcode); a status write to a dead pipe ends the launcher through the PIPE trap, which
// (unlike ignoring SIGPIPE) tasks do not inherit. Records sent ahead stay readable in the pipe after its writer
// died: before each task the launcher checks that its parent still lives (`kill -0`, no fork), so a killed pipe
// never has a task started that it can no longer record. A light task's done line goes to its done log (one
// append, before the end is reported): what finishes after pipe was killed is still found by the next --resume. On exit the launcher removes its slot file, and the scratch dir
// once it is empty, unless they are gone already: a pool that closes removes the scratch dir first, which spares
// each launcher starting `rm` and `rmdir` as pipe ends.
export const LAUNCHER_SCRIPT = String.raw`exec 4>&2 2>/dev/null
set -m
slot=$1 copy=$2 skip=$3 mon=$4
trap '[[ -e $slot ]] && rm -f -- "$slot" && [[ $slot =~ .*/ ]] && rmdir -- "$BASH_REMATCH"' EXIT
trap 'exit 141' PIPE
if [[ $5 == 1 ]]; then
  orphaned() {
    if [[ -n $pid ]]; then
      kill -TERM -- "-$pid"
      sleep 1
      kill -KILL -- "-$pid"
    fi
    exit 0
  }
  trap orphaned USR1
  (
    while :; do
      read -r -t 5 -u 5 _
      st=$?
      ((st > 128)) || break
      kill -0 "$$" || exit 0
    done
    kill -USR1 "$$"
  ) </dev/null >/dev/null 3>&- 4>&- &
  watcher=$!
  trap '[[ -n $watcher ]] && kill "$watcher"; [[ -e $slot ]] && rm -f -- "$slot" && [[ $slot =~ .*/ ]] && rmdir -- "$BASH_REMATCH"' EXIT
fi
inherited=$(compgen -e) inherited_functions=$(compgen -A function)
clean_exec() {
  [[ $1 == env && $2 == -i ]] || builtin exec "$@"
  shift 2
  export -n -- $inherited LC_ALL
  [[ -n $inherited_functions ]] && export -n -f -- $inherited_functions
  unset SHLVL
  while [[ $1 == *=* ]]; do export -- "$1"; shift; done
  builtin exec -- "$@"
}
# What a task leaves once it has ended: a direct task's .command.log and then its .exitcode (the last file written,
# so that whoever finds .exitcode finds the rest), a light task's stderr copied and kept on failure, the done line.
task_files() {
  if [[ $kind == D ]]; then
    [[ -s $slot ]] && cp -- "$slot" "$errf" && ef=1
    printf '%s' "$st" >"$dir/.exitcode"
  elif [[ -s $slot ]]; then
    [[ $copy == 1 ]] && cat -- "$slot" >&4
    if ((st != 0)) && [[ $errf != - ]]; then
      [[ $errf =~ .*/ ]] && mkdir -p -- "$BASH_REMATCH" && tail -c 65536 -- "$slot" >"$errf" && ef=1
    fi
  fi
  if ((st == 0)) && [[ $dlog != - ]]; then
    [[ $dlog$dline == *\\* ]] && printf -v dlog '%b' "$dlog" && printf -v dline '%b' "$dline"
    printf '%s\n' "$dline" >>"$dlog"
  fi
}
first=$6
while if [[ -n $first ]]; then rec=$first first=; else IFS= read -r -N 8 size && IFS= read -r -N "$((10#$size))" rec; fi; do
  IFS=$'\t'; set -f; set -- $rec; set +f; unset IFS
  id=$1 kind=$2 dir=$3 errf=$4 dlog=$5 dline=$6 cmd=$7
  kill -0 "$PPID" || exit 0
  if [[ -e $skip$id ]]; then
    rm -f -- "$skip$id"
    iokept=
    printf 'E\t%s\t255\t%s\t\n' "$id" "$EPOCHREALTIME" >&3
    continue
  fi
  [[ $dir == *\\* ]] && printf -v dir '%b' "$dir"
  [[ $mon == 1 && -z $iokept ]] && { read -r -d '' -a io0 </proc/$$/io; iostart=$'\t'"${'$'}{io0[*]}" iokept=1; }
  [[ $errf == *\\* ]] && printf -v errf '%b' "$errf"
  if [[ $kind == W ]]; then
    { [[ -z $cmd ]] || export -- "$cmd"; cd -- "$dir" && . ./.command.run >.command.log 2>&1; } </dev/null 2>"$slot" 3>&- 4>&- 5<&- &
  elif [[ $kind == D ]]; then
    ( exec() { clean_exec "$@"; }; [[ -z $cmd ]] || export -- "$cmd"; cd -- "$dir" && . ./.command.sh ) </dev/null >"$slot" 2>&1 3>&- 4>&- 5<&- &
  elif [[ $kind == X ]]; then
    shift 6
    n=$1
    shift
    [[ $* == *\\* ]] && { words=(); for w; do printf -v w '%b' "$w"; words+=("$w"); done; set -- "${'$'}{words[@]}"; }
    {
      [[ $dir == . ]] || cd -- "$dir" || exit
      [[ -z $inherited_functions ]] || export -n -f -- $inherited_functions
      assignments=("${'$'}{@:1:n}")
      shift "$n"
      ((n == 0)) || export -- "${'$'}{assignments[@]}"
      if [[ $1 == true || $1 == false || $1 == : ]]; then builtin "$@"; else builtin exec -- "$@"; fi
    } </dev/null 2>"$slot" 3>&- 4>&- 5<&- &
  else
    [[ $cmd == *\\* ]] && printf -v cmd '%b' "$cmd"
    if ((${'$'}{#cmd} > 32768)); then
      printf '%s\n' "$cmd" >"$slot.sh" && set -- /bin/sh "$slot.sh"
    else
      set -- /bin/sh -c "$cmd"
    fi
    if [[ $dir == . ]]; then
      "$@" </dev/null 2>"$slot" 3>&- 4>&- 5<&- &
    else
      { cd -- "$dir" && exec "$@"; } </dev/null 2>"$slot" 3>&- 4>&- 5<&- &
    fi
  fi
  pid=$!
  printf 'S\t%s\t%s\t%s%s\n' "$id" "$pid" "$EPOCHREALTIME" "$iostart" >&3
  iostart=
  if [[ $mon == 1 ]]; then
    time {
      wait "$pid"
      st=$? t=$EPOCHREALTIME ef= pid= io1=()
      read -r -d '' -a io1 </proc/$$/io
      TIMEFORMAT=$'R\t'"${'$'}{id//%/%%}"$'\t%3U\t%3S\t'"${'$'}{io1[*]}"
      if [[ ! -s $slot && $2 != "$slot.sh" ]]; then
        task_files
        TIMEFORMAT+=$'\nE\t'"${'$'}{id//%/%%}"$'\t'"$st"$'\t'"$t"$'\t'"$ef"
        reported=1
      fi
      exec 2>&3
    }
    exec 2>/dev/null
  else
    wait "$pid"
    st=$? t=$EPOCHREALTIME ef= pid=
  fi
  if [[ -z $reported ]]; then
    [[ $1 == /bin/sh && $2 == "$slot.sh" ]] && { rm -f -- "$slot.sh"; iokept=; }
    [[ -s $slot ]] && iokept=
    task_files
    printf 'E\t%s\t%s\t%s\t%s\n' "$id" "$st" "$t" "$ef" >&3
  fi
  reported=
done
`;
