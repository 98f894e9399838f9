// A task's work dir as Nextflow's BashWrapperBuilder writes it for a grid executor: .command.sh (the script) and
// .command.run, whose shape follows modules/nextflow/src/main/resources/nextflow/executor/command-run.txt: the
// scheduler header and NXF_CHDIR, the task metadata, `set -e -u`, nxf_kill, on_exit (which writes .exitcode),
// on_term (trapped on TERM INT USR2), input staging by symlink, .command.begin, and the script launched in the
// background with its output teed to .command.out/.command.err while the wrapper waits for it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headerLines, type Flavour, type TaskConfig } from './flavours.js';

export interface WrappedTask extends TaskConfig {
  readonly script: string; // the task's bash script (.command.sh)
  readonly inputs?: Readonly<Record<string, string>> | undefined; // staged name -> absolute source path
}

// Escape.path: a path with shell-special characters backslash-escaped.
function escapePath(path: string): string {
  return path.replace(/([^A-Za-z0-9_./-])/g, '\\$1');
}

// The text of .command.run.
export function commandRun(flavour: Flavour, task: WrappedTask): string {
  const dir = escapePath(task.workDir);
  const stage = Object.entries(task.inputs ?? {})
    .map(([name, source]) => `    rm -f ${escapePath(name)}\n    ln -s ${escapePath(source)} ${escapePath(name)}`)
    .join('\n');
  return `#!/bin/bash
${headerLines(flavour, task)}NXF_CHDIR=${dir}
### ---
### name: '${task.name}'
### ...
set -e
set -u
NXF_DEBUG=\${NXF_DEBUG:=0}; [[ $NXF_DEBUG > 1 ]] && set -x
NXF_ENTRY=\${1:-nxf_main}


nxf_sleep() {
  sleep $1 2>/dev/null || sleep 1;
}

nxf_kill() {
    declare -a children
    while read P PP;do
        children[$PP]+=" $P"
    done < <(ps -e -o pid= -o ppid=)

    kill_all() {
        [[ $1 != $$ ]] && kill $1 2>/dev/null || true
        for i in \${children[$1]:=}; do kill_all $i; done
    }

    kill_all $1
}

on_exit() {
    local last_err=$?
    local exit_status=\${nxf_main_ret:=0}
    [[ \${exit_status} -eq 0 && \${nxf_unstage_ret:=0} -ne 0 ]] && exit_status=\${nxf_unstage_ret:=0}
    [[ \${exit_status} -eq 0 && \${last_err} -ne 0 ]] && exit_status=\${last_err}
    printf -- $exit_status > ${dir}/.exitcode
    set +u
    exit $exit_status
}

on_term() {
    set +e
    [[ "$pid" ]] && nxf_kill $pid
}

nxf_launch() {
    /bin/bash -ue ${dir}/.command.sh
}

nxf_stage() {
    true
    # stage input files
${stage}
}

nxf_unstage() {
    true
}

nxf_main() {
    trap on_exit EXIT
    trap on_term TERM INT USR2
    trap '' USR1

    [[ "\${NXF_CHDIR:-}" ]] && cd "$NXF_CHDIR"
    NXF_SCRATCH=''
    [[ $NXF_DEBUG > 0 ]] && nxf_env
    touch ${dir}/.command.begin
    set +u
    set -u
    [[ $NXF_SCRATCH ]] && cd $NXF_SCRATCH
    export NXF_TASK_WORKDIR="$PWD"
    nxf_stage

    set +e
    (set -o pipefail; (nxf_launch | tee .command.out) 3>&1 1>&2 2>&3 | tee .command.err) 3>&1 1>&2 2>&3 &
    pid=$!
    wait $pid || nxf_main_ret=$?
    nxf_unstage
}

$NXF_ENTRY
`;
}

// Creates the work dir with .command.sh and .command.run (mode 0644, as Nextflow leaves it).
export function writeWorkDir(flavour: Flavour, task: WrappedTask): void {
  mkdirSync(task.workDir, { recursive: true });
  writeFileSync(join(task.workDir, '.command.sh'), `#!/bin/bash -ue\n${task.script}\n`, { mode: 0o644 });
  writeFileSync(join(task.workDir, '.command.run'), commandRun(flavour, task), { mode: 0o644 });
}
