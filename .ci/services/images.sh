#!/usr/bin/env bash
# The container images the CWL suite's DockerRequirement tests name, built on this machine from Debian packages
# (no image registry is reachable here; elsewhere podman pulls the real ones):
#   docker.io/debian:stable-slim  a minbase Debian system
#   docker.io/python:3-slim       the same with python3 and python-is-python3
#   docker.io/bash:4.4            the same with an entrypoint that runs bash when the first argument is an option,
#                                 as the official image's does (its bash is Debian's, not 4.4)
#   .ci/services/images.sh start   # idempotent; builds what `podman image exists` lacks; prints `export CONTAINERS_CONF=…`
#   .ci/services/images.sh status  # exit 0 when all three images exist and a container starts
# Root file systems are cached as tarballs in $PIPE_IMAGE_CACHE (default /var/tmp/pipe-images), so building again
# after `podman rmi` skips debootstrap. The Debian mirror and suite are the ones apt is configured with.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CACHE=${PIPE_IMAGE_CACHE:-/var/tmp/pipe-images}
export CONTAINERS_CONF="$here/containers.conf"
DEBIAN=docker.io/debian:stable-slim
PYTHON=docker.io/python:3-slim
BASH=docker.io/bash:4.4

# Installs the Debian packages this script and podman's configuration need.
install_tools() {
  local missing=() p
  for p in podman runc debootstrap; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The mirror and suite of apt's main Debian source, as "URI SUITE" (the first that is not -security or -updates).
apt_source() {
  apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Created-By: Packages' | awk '$2 !~ /-/ { print; exit }'
}

# Builds a root file system tarball with debootstrap unless the cache has it: $1 name, $2 extra packages.
rootfs() {
  local name=$1 include=$2 dir source
  [ -s "$CACHE/$name.tar" ] && return
  source=$(apt_source)
  [ -n "$source" ] || { echo "images.sh: apt has no Debian source to debootstrap from" >&2; exit 1; }
  mkdir -p "$CACHE"
  dir=$(mktemp -d "$CACHE/$name.XXXXXX")
  # shellcheck disable=SC2086 # $source is "URI SUITE", two words on purpose
  set -- $source
  debootstrap --variant=minbase ${include:+--include=$include} "$2" "$dir" "$1" >"$dir.log" 2>&1 || {
    tail -5 "$dir.log" >&2
    exit 1
  }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -cf "$CACHE/$name.tar.partial" . && mv "$CACHE/$name.tar.partial" "$CACHE/$name.tar"
  rm -rf "$dir" "$dir.log"
}

# The bash image's tarball: Debian's with an entrypoint that runs bash when the first argument is an option.
bash_rootfs() {
  [ -s "$CACHE/bash.tar" ] && return
  rootfs debian ''
  local dir
  dir=$(mktemp -d "$CACHE/bash.XXXXXX")
  mkdir -p "$dir/usr/local/bin"
  cat >"$dir/usr/local/bin/docker-entrypoint.sh" <<'ENTRY'
#!/bin/sh
# Runs bash when there is no command or the first argument is an option (`-c 'echo moo'`), else the command.
set -e
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then set -- bash "$@"; fi
exec "$@"
ENTRY
  chmod 755 "$dir/usr/local/bin/docker-entrypoint.sh"
  cp "$CACHE/debian.tar" "$CACHE/bash.tar.partial"
  tar -C "$dir" -rf "$CACHE/bash.tar.partial" ./usr/local/bin/docker-entrypoint.sh
  mv "$CACHE/bash.tar.partial" "$CACHE/bash.tar"
  rm -rf "$dir"
}

# Imports a cached root file system as an image unless podman already has it: $1 image, $2 tarball name, then
# podman import --change instructions.
image() {
  local name=$1 tarball=$2
  shift 2
  podman image exists "$name" && return
  case $tarball in
    python) rootfs python python3,python-is-python3 ;;
    bash) bash_rootfs ;;
    *) rootfs "$tarball" '' ;;
  esac
  local changes=() change
  for change in 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'LABEL org.opencontainers.image.description="built from Debian packages by pipe .ci/services/images.sh"' "$@"; do
    changes+=(--change "$change")
  done
  podman import -q "${changes[@]}" "$CACHE/$tarball.tar" "$name" >/dev/null
}

# Whether every image exists and a container starts.
ready() {
  podman image exists "$DEBIAN" && podman image exists "$PYTHON" && podman image exists "$BASH" &&
    podman run --rm --pull=never --network=none "$DEBIAN" true >/dev/null 2>&1
}

start() {
  install_tools
  image "$DEBIAN" debian 'CMD ["bash"]'
  image "$PYTHON" python 'CMD ["python3"]'
  image "$BASH" bash 'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["bash"]'
  if ! ready; then
    echo "images.sh: a container does not start: $(podman run --rm --pull=never --network=none "$DEBIAN" true 2>&1 | tail -1)" >&2
    exit 1
  fi
  echo "export CONTAINERS_CONF=$CONTAINERS_CONF"
}

case "${1:-}" in
  start) start ;;
  status) ready ;;
  *)
    echo "usage: $0 start|status" >&2
    exit 2
    ;;
esac
