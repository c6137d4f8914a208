#!/usr/bin/env bash
# Runs every test: installs missing Debian packages, lints the Dockerfile and validates the compose
# file, builds the collector binary the scenario tests drive and the image (scripts/image.sh),
# then runs unit, golden, scenario and image tests (each starts its own Postgres and Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
export PATH="$HOME/.local/bin:$PATH"   # hadolint, when pip put it there
# the image and the compose demo cannot rot: lint the Dockerfile, validate the compose file
# (every profile); their configs are parsed by the Rust tests
hadolint Dockerfile
docker-compose -f compose/docker-compose.yml config -q
docker-compose -f compose/docker-compose.yml --profile sqlserver config -q
cargo build --locked --bins
# the static binaries and the image the image tests run (tests/db-matrix/tests/image.rs)
scripts/image.sh >/dev/null
cargo test --locked --workspace -- --test-threads "${TEST_THREADS:-2}"
