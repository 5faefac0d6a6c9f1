#!/usr/bin/env bash
# Order capture on SQLite and on PostgreSQL with 1, 2 and 4 server processes,
# in one run: the same workload as docs/performance.md (bench/run_order_capture.sh
# with bench/load_orders), each configuration on a fresh database. PostgreSQL is
# a throwaway PostgreSQL 15 server (scripts/pg-cluster, fsync and
# synchronous_commit on), stopped at the end also on failure.
#
# usage: bench/scaling.sh            (DURATION=8 CLIENTS=16 as in performance.md)
#   CONFIGS="sqlite:1 postgres:1 postgres:2 postgres:4"  what to run, in order
# Prints a Markdown table on stdout (orders/s, p50, p99, ratio to the first
# row); progress on stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export DURATION=${DURATION:-8}
CONFIGS=${CONFIGS:-"sqlite:1 postgres:1 postgres:2 postgres:4"}

pg_dir=$(mktemp -d /tmp/wareflow-scaling-pg.XXXXXX)
trap '"$root/scripts/pg-cluster" stop "$pg_dir" >/dev/null 2>&1 || true' EXIT INT TERM
server=""
if [[ $CONFIGS == *postgres* ]]; then
  server=$("$root/scripts/pg-cluster" start "$pg_dir")
fi

rows=()
base=""
run=0
for config in $CONFIGS; do
  backend=${config%%:*}
  servers=${config##*:}
  run=$((run + 1))
  db_uri=""
  if [[ $backend == postgres ]]; then
    db_uri=$("$root/scripts/pg-cluster" createdb "$server" "bench_$run")
  fi
  echo "scaling: $backend with $servers server(s)" >&2
  json=$(DB_URI=$db_uri SERVERS=$servers "$here/run_order_capture.sh")
  read -r per_s p50 p99 errors < <(python3 -c 'import json,sys
r = json.loads(sys.argv[1])
print("%.0f %.1f %.1f %d" % (r["orders_per_s"], r["p50_ms"], r["p99_ms"], r["errors"]))' "$json")
  [[ -n $base ]] || base=$per_s
  ratio=$(python3 -c "print('%.2f' % ($per_s / $base))")
  rows+=("| $backend | $servers | $per_s | $p50 | $p99 | $errors | $ratio |")
done

echo "| backend | servers | orders/s | p50 ms | p99 ms | errors | ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
