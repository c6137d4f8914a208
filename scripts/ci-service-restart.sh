#!/usr/bin/env bash
# Gives a running MySQL/MariaDB container (a GitHub Actions service container, which takes no
# command-line options) the CDC settings in a .cnf file, restarts it and waits until it answers
# on 127.0.0.1:3306 again. Used by .github/workflows/db-matrix.yml.
#   scripts/ci-service-restart.sh <container> <file.cnf> <root password>
set -euo pipefail
container=$1 cnf=$2 password=$3
docker cp "$cnf" "$container:/etc/mysql/conf.d/zz-redcdc-cdc.cnf"
docker restart "$container" >/dev/null
client=$(command -v mariadb || command -v mysql)
for _ in $(seq 90); do
    if "$client" --no-defaults --protocol=TCP -h 127.0.0.1 -P 3306 -u root "--password=$password" \
        -N -B -e "SELECT @@log_bin, @@binlog_format, @@binlog_row_image" 2>/dev/null; then
        exit 0
    fi
    sleep 2
done
echo "the container did not come back after the restart:" >&2
docker logs --tail 50 "$container" >&2
exit 1
