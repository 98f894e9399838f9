#!/usr/bin/env bash
# A throwaway sshd on loopback for the scp:// and sftp:// staging tests, with its own host key and a test user key.
#   .ci/services/sshd.sh start   # idempotent; prints `export PIPE_TEST_SSHD=<dir>` (see below)
#   .ci/services/sshd.sh stop    # stops it (by its pid) and removes the directory
#   .ci/services/sshd.sh status  # exit 0 when it accepts the test key
# Everything lives in $SSHD_DIR (default /tmp/pipe-sshd), port $SSHD_PORT (default 2222), login as $SSHD_USER (the
# calling user by default). The directory holds what a client needs: id_ed25519 (the test key), known_hosts (the
# server's key under [127.0.0.1]:PORT), ssh_config (a `Host pipe-sshd` alias for it) and `port`, `user`.
# sshd must be started as root (privilege separation); see ../shared/recipes/sshd.md for why each setting is there.
set -euo pipefail
D=${SSHD_DIR:-/tmp/pipe-sshd}
PORT=${SSHD_PORT:-2222}
LOGIN_USER=${SSHD_USER:-$(id -un)}

# Whether the server accepts the test key.
ready() {
  [ -s "$D/id_ed25519" ] || return 1
  ssh -p "$(cat "$D/port" 2>/dev/null || echo "$PORT")" -i "$D/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o UserKnownHostsFile="$D/known_hosts" -o StrictHostKeyChecking=yes -o LogLevel=ERROR -o ConnectTimeout=5 \
    "$(cat "$D/user" 2>/dev/null || echo "$LOGIN_USER")@127.0.0.1" true 2>/dev/null
}

start() {
  if ready; then echo "export PIPE_TEST_SSHD=$D"; return; fi
  mkdir -p "$D" && chmod 700 "$D"
  mkdir -p /run/sshd && chmod 0755 /run/sshd # privilege-separation dir (normally made by systemd)
  [ -f "$D/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$D/host_ed25519"
  [ -f "$D/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$D/id_ed25519" -C pipe-test
  cp "$D/id_ed25519.pub" "$D/authorized_keys" && chmod 600 "$D/authorized_keys"
  cat >"$D/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $PORT
HostKey $D/host_ed25519
PidFile $D/sshd.pid
AuthorizedKeysFile $D/authorized_keys
AllowUsers $LOGIN_USER
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxSessions 64
MaxStartups 64:30:128
Subsystem sftp internal-sftp
LogLevel VERBOSE
CONF
  echo "$PORT" >"$D/port"
  echo "$LOGIN_USER" >"$D/user"
  echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$D/host_ed25519.pub")" >"$D/known_hosts"
  cat >"$D/ssh_config" <<CONF
Host pipe-sshd
  HostName 127.0.0.1
  Port $PORT
  User $LOGIN_USER
  IdentityFile $D/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $D/known_hosts
CONF
  /usr/sbin/sshd -t -f "$D/sshd_config"
  setsid /usr/sbin/sshd -D -e -f "$D/sshd_config" >"$D/sshd.log" 2>&1 </dev/null &
  for _ in $(seq 1 100); do
    ready && break
    sleep 0.1
  done
  ready || { tail -5 "$D/sshd.log" >&2; exit 1; }
  echo "export PIPE_TEST_SSHD=$D"
}

stop() {
  if [ -s "$D/sshd.pid" ]; then
    pid=$(cat "$D/sshd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      s=$(ps -o stat= -p "$pid" 2>/dev/null) || break
      [ "${s:0:1}" = Z ] && break
      sleep 0.1
    done
  fi
  rm -rf "$D"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) ready ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
