#!/usr/bin/env bash
# The demo: a local Postgres and Redis (started here, on free ports, under .demo/), a few tables
# captured by the collector, some changes streamed, and the resulting Redis streams shown.
# Everything is stopped at the end unless --keep is given.
set -euo pipefail
cd "$(dirname "$0")/.."
KEEP=0; [ "${1:-}" = "--keep" ] && KEEP=1
scripts/setup-debian.sh
cargo build --release -p redcdc-collector -p redcdc-processor --bins
BIN=$PWD/target/release/collector
PBIN=$PWD/target/release/processor
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DEMO=$PWD/.demo; rm -rf "$DEMO"; mkdir -p "$DEMO"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PGPORT=$(free_port); RPORT=$(free_port)
AS=(); if [ "$(id -u)" -eq 0 ]; then AS=(runuser -u nobody --); chown nobody "$DEMO"; fi
echo "== starting Postgres on 127.0.0.1:$PGPORT and Redis on 127.0.0.1:$RPORT (data in .demo/)"
"${AS[@]}" "$PGBIN/initdb" -D "$DEMO/pg" -U postgres --auth=trust -E UTF8 >/dev/null
cat >> "$DEMO/pg/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$DEMO/pg'
wal_level = logical
max_replication_slots = 4
max_wal_senders = 4
timezone = 'UTC'
CONF
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DEMO/pg" -l "$DEMO/pg.log" -w start >/dev/null
redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$DEMO/redis.pid" --logfile "$DEMO/redis.log"
cleanup() {
  [ -n "${PPID2:-}" ] && kill -TERM "$PPID2" 2>/dev/null && wait "$PPID2" 2>/dev/null || true
  [ -n "${CPID:-}" ] && kill -TERM "$CPID" 2>/dev/null && wait "$CPID" 2>/dev/null || true
  if [ "$KEEP" -eq 0 ]; then
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$DEMO/pg" -m fast -w stop >/dev/null 2>&1 || true
    kill "$(cat "$DEMO/redis.pid")" 2>/dev/null || true
  fi
}
trap cleanup EXIT
PSQL=(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qAtX -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE inventory"
"${PSQL[@]}" -d inventory <<'SQL'
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email varchar(120), created_at timestamptz DEFAULT now());
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int REFERENCES customers, amount numeric(10,2), status varchar(16), placed date);
INSERT INTO customers (name, email) VALUES ('Ada', 'ada@example.com'), ('Grace', 'grace@example.com'), ('Linus', NULL);
INSERT INTO orders VALUES (1, 1, 19.99, 'new', '2024-05-01'), (2, 2, 5.00, 'paid', '2024-05-02');
SQL
cat > "$DEMO/collector.yaml" <<YAML
source:
  type: postgresql
  hostname: 127.0.0.1
  port: $PGPORT
  user: postgres
  dbname: inventory
  topic_prefix: dbserver1
  table_include_list: [public.customers, public.orders]
  skipped_operations: [none]
sink:
  address: 127.0.0.1:$RPORT
output:
  profile: ${PROFILE:-server}
metrics_address: 127.0.0.1:$(free_port)
YAML
echo "== collector run --config .demo/collector.yaml"
"$BIN" check --config "$DEMO/collector.yaml"
"$BIN" run --config "$DEMO/collector.yaml" 2> "$DEMO/collector.log" &
CPID=$!
R=(redis-cli -p "$RPORT")
for _ in $(seq 1 100); do
  "${R[@]}" HGET metadata:debezium:offsets '["redis",{"server":"dbserver1"}]' | grep -q snapshot_completed && break
  sleep 0.1
done
echo "== snapshot done; now changing rows"
"${PSQL[@]}" -d inventory <<'SQL'
INSERT INTO orders VALUES (3, 3, 42.00, 'new', '2024-05-03');
UPDATE orders SET status = 'shipped' WHERE id = 1;
DELETE FROM orders WHERE id = 2;
BEGIN; INSERT INTO customers (name) VALUES ('Barbara'); UPDATE customers SET email = 'linus@example.org' WHERE id = 3; COMMIT;
SQL
sleep 1
for s in $("${R[@]}" --scan --pattern '*dbserver1*' | sort); do
  echo; echo "== stream $s: $("${R[@]}" XLEN "$s") entries; the last one:"
  "${R[@]}" --raw XREVRANGE "$s" + - COUNT 1 | tail -n +2 | cut -c1-600
done
echo; echo "== offsets (Debezium's Redis offset store format):"
"${R[@]}" HGETALL metadata:debezium:offsets
echo; echo "== collector log:"; tail -5 "$DEMO/collector.log"
echo; echo "== processor run (no jobs: the default job mirrors every table as hashes)"
PATTERN='dbserver1.*'; [ "${PROFILE:-server}" = rdi ] && PATTERN='data:*'
mkdir -p "$DEMO/jobs"
cat > "$DEMO/config.yaml" <<YAML
targets:
  target:
    connection:
      type: redis
      host: 127.0.0.1
      port: $RPORT
processors:
  stream_pattern: '$PATTERN'
YAML
"$PBIN" check --config "$DEMO/config.yaml" --jobs "$DEMO/jobs"
"$PBIN" run --config "$DEMO/config.yaml" --jobs "$DEMO/jobs" --instance-id demo 2> "$DEMO/processor.log" &
PPID2=$!
sleep 2
for k in $("${R[@]}" --scan --pattern 'customers:*' | sort) $("${R[@]}" --scan --pattern 'orders:*' | sort); do
  echo "-- $k"; "${R[@]}" HGETALL "$k" | paste - - | sed 's/^/   /'
done
if [ "$KEEP" -eq 1 ]; then
  echo; echo "kept running: Postgres 127.0.0.1:$PGPORT, Redis 127.0.0.1:$RPORT, collector pid $CPID"; trap - EXIT; wait "$CPID"
fi
