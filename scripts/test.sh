#!/usr/bin/env bash
# Runs every test: installs missing Debian packages, builds the collector binary the scenario
# tests drive, then runs unit, golden and scenario tests (each starts its own Postgres and Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
cargo build --locked --bins
cargo test --locked --workspace -- --test-threads "${TEST_THREADS:-2}"
