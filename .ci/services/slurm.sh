#!/usr/bin/env bash
# A single-node Slurm cluster on this machine for the grid backend tests: munged + slurmctld + slurmd, as root.
#   .ci/services/slurm.sh start   # idempotent; waits until the node is idle; prints `export SLURM_CONF=…`
#   .ci/services/slurm.sh stop    # stops the daemons by their pid files
#   .ci/services/slurm.sh status  # exit 0 when the node answers
# Everything but munge's key and socket lives under $SLURM_DIR (default /tmp/pipe-slurm); clients find the
# cluster through SLURM_CONF=$SLURM_DIR/slurm.conf. Slurm's PBS wrappers (slurm-wlm-torque) use the same cluster.
set -euo pipefail
SD=${SLURM_DIR:-/tmp/pipe-slurm}
CPUS=${SLURM_CPUS:-32} # more than the real cores (config_overrides), so tiny test jobs run side by side
export SLURM_CONF="$SD/slurm.conf"

# Whether a pid is alive and not a zombie (PID 1 here may reap late, and kill -0 succeeds on zombies).
alive() {
  local s
  s=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${s:0:1}" != Z ]
}

# Whether the node answers and is usable.
ready() {
  sinfo -h -N -o '%T' 2>/dev/null | grep -Eqx 'idle|mixed|allocated'
}

# Starts munged unless it already answers.
start_munge() {
  mkdir -p /run/munge && chown munge:munge /run/munge && chmod 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
  fi
  munge -n >/dev/null 2>&1 || runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid
}

# Writes slurm.conf for one node named after this host.
write_conf() {
  local host mem
  host=$(hostname -s)
  mem=$(($(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 - 512))
  cat >"$SLURM_CONF" <<CONF
ClusterName=pipe
SlurmctldHost=$host
AuthType=auth/munge
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$SD/state
SlurmdSpoolDir=$SD/spool
SlurmctldPidFile=$SD/slurmctld.pid
SlurmdPidFile=$SD/slurmd.pid
SlurmctldLogFile=$SD/log/slurmctld.log
SlurmdLogFile=$SD/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SlurmdParameters=config_overrides
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$SD/log/jobcomp.txt
MinJobAge=3600
MaxJobCount=100000
MaxArraySize=100001
KillWait=5
NodeName=$host CPUs=$CPUS RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

# Starts the cluster unless it already answers, then waits (up to 30 s) for the node to be idle.
start() {
  start_munge
  if ready; then
    echo "export SLURM_CONF=$SLURM_CONF"
    return 0
  fi
  mkdir -p "$SD"/{state,spool,log}
  write_conf
  if ! { [ -f "$SD/slurmctld.pid" ] && alive "$(cat "$SD/slurmctld.pid")"; }; then
    /usr/sbin/slurmctld -f "$SLURM_CONF" -i
  fi
  if ! { [ -f "$SD/slurmd.pid" ] && alive "$(cat "$SD/slurmd.pid")"; }; then
    /usr/sbin/slurmd -f "$SLURM_CONF"
  fi
  for _ in $(seq 1 150); do
    ready && break
    sleep 0.2
  done
  if ! ready; then
    echo "slurm did not become ready; last log lines:" >&2
    tail -n 20 "$SD"/log/*.log >&2 || true
    exit 1
  fi
  echo "export SLURM_CONF=$SLURM_CONF"
}

# Stops slurmd, slurmctld and munged by their pid files (SIGTERM, then SIGKILL after 10 s).
stop() {
  local pf pid
  for pf in "$SD"/slurmd*.pid "$SD/slurmctld.pid" /run/munge/munged.pid; do
    [ -f "$pf" ] || continue
    pid=$(cat "$pf")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      alive "$pid" || break
      sleep 0.1
    done
    if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -f "$pf"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) ready ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
