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
}

// Returns .command.run: cd, touch .command.begin, export env, run .command.sh teeing .command.out/.command.err
// through fifos, trap TERM/INT/USR2, and write .exitcode atomically on every exit.
export function renderCommandRun(opts: CommandRunOptions): string {
  const interpreter = interpreterOf(opts.script).map(shellQuote).join(' ');
  const name = opts.name.replace(/[\r\n]+/g, ' ');
  return `#!/bin/bash
# pipe task wrapper: ${name}
set -u
pipe_dir=${shellQuote(opts.dir)}
pipe_pid=''
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

# Writes .exitcode (an integer, no newline) atomically whenever the wrapper exits.
pipe_on_exit() {
  local status=\${pipe_status:-$?}
  rm -f "$pipe_dir/.command.po" "$pipe_dir/.command.pe"
  printf '%s' "$status" >"$pipe_dir/.exitcode.tmp" && mv -f "$pipe_dir/.exitcode.tmp" "$pipe_dir/.exitcode"
  exit "$status"
}

# Ends the task on TERM/INT/USR2, waits for it and its output, and exits with 128 + the signal number.
pipe_on_signal() {
  trap '' TERM INT USR2
  pipe_status=$1
  if [[ -n $pipe_pid ]]; then
    pipe_kill_tree "$pipe_pid"
    wait "$pipe_pid" $pipe_tees 2>/dev/null
  fi
  exit "$pipe_status"
}

trap pipe_on_exit EXIT
trap 'pipe_on_signal 143' TERM
trap 'pipe_on_signal 130' INT
trap 'pipe_on_signal 140' USR2
cd "$pipe_dir" || exit 1
touch .command.begin
${exportLines(opts.env).join('\n')}
rm -f .command.po .command.pe
mkfifo .command.po .command.pe || exit 1
tee .command.out <.command.po &
pipe_tees=$!
tee .command.err <.command.pe >&2 &
pipe_tees+=" $!"
${interpreter} .command.sh </dev/null >.command.po 2>.command.pe &
pipe_pid=$!
wait "$pipe_pid"
pipe_status=$?
wait $pipe_tees
exit "$pipe_status"
`;
}
