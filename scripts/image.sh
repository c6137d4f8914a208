#!/usr/bin/env bash
# Builds the redcdc image on this machine without a registry: the static (musl) release
# binaries and the CA bundle are built/copied here, then the Dockerfile's `local` stage takes
# them from the build context. Uses podman with runc (Debian 12; no daemon), or docker.
#   scripts/image.sh [tag]      (default localhost/redcdc:local)
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${1:-localhost/redcdc:local}"
rustup target list --installed 2>/dev/null | grep -q x86_64-unknown-linux-musl \
  || rustup target add x86_64-unknown-linux-musl
command -v musl-gcc >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq musl-tools
}
# the `image` profile: release with whole-program LTO and one codegen unit (smaller binaries)
cargo build --profile image --locked --target x86_64-unknown-linux-musl \
  --bin collector --bin processor
mkdir -p target/image/bin target/image/ca
for b in collector processor; do
  strip -o "target/image/bin/$b" "target/x86_64-unknown-linux-musl/image/$b"
done
cp /etc/ssl/certs/ca-certificates.crt target/image/ca/
if command -v podman >/dev/null 2>&1; then
  conf="$(mktemp)"
  printf '[containers]\ndefault_ulimits = []\n' > "$conf"
  CONTAINERS_CONF="$conf" podman --runtime runc build -q --target local -t "$tag" . >/dev/null
  CONTAINERS_CONF="$conf" podman --runtime runc image inspect "$tag" --format '{{.Size}}'
  rm -f "$conf"
else
  docker build -q --target local -t "$tag" . >/dev/null
  docker image inspect "$tag" --format '{{.Size}}'
fi
