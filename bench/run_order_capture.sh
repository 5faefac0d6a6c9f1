#!/usr/bin/env bash
# Order-capture benchmark: a fresh demo database with ample stock, a Wareflow
# server on a free loopback port, and closed-loop load on POST /api/v1/orders.
#
# usage: bench/run_order_capture.sh [WAREFLOW_BIN [LOAD_ORDERS_BIN]]
#
# Binaries (first argument / env / default):
#   WAREFLOW      path to wareflow     (default: $BUILD_DIR/wareflow)
#   LOAD_ORDERS   path to load_orders  (default: $BUILD_DIR/bench/load_orders)
#   BUILD_DIR     build directory      (default: <repo>/build)
# Load:
#   CLIENTS=16  DURATION=10  WARMUP=2  SKUS=2000  SEED=1  CHANNEL=web
# Setup:
#   STOCK_QTY=1000000    units topped up per SKU
#   STOCK_REASON=bench_topup
#   STARTUP_TIMEOUT=30   seconds to wait for /healthz
#   KEEP=1               keep the temporary directory (db, logs, csv)
#   DB_URI=postgresql://...  an empty PostgreSQL database to use instead of a
#                        new SQLite file (bench/scaling.sh makes one per run)
#   SERVERS=1            server processes on the one database; the clients
#                        are spread over them
#
# Progress and the human summary go to stderr; stdout gets exactly one line, the
# JSON result of load_orders. Exit status is non-zero when the load had errors,
# the server did not stop cleanly, or `wareflow verify` failed.
set -euo pipefail

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd -- "$script_dir/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$repo_dir/build}
WAREFLOW=${1:-${WAREFLOW:-$BUILD_DIR/wareflow}}
LOAD_ORDERS=${2:-${LOAD_ORDERS:-$BUILD_DIR/bench/load_orders}}

CLIENTS=${CLIENTS:-16}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
SKUS=${SKUS:-2000}
SEED=${SEED:-1}
CHANNEL=${CHANNEL:-web}
STOCK_QTY=${STOCK_QTY:-1000000}
STOCK_REASON=${STOCK_REASON:-bench_topup}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-30}
KEEP=${KEEP:-0}
SERVERS=${SERVERS:-1}

log() { printf 'run_order_capture: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

for bin in "$WAREFLOW" "$LOAD_ORDERS"; do
  [[ -x $bin ]] || die "$bin is not an executable (build first: cmake --build build)"
done
for n in CLIENTS SKUS STOCK_QTY STARTUP_TIMEOUT SERVERS; do
  [[ ${!n} =~ ^[1-9][0-9]*$ ]] || die "$n must be a positive integer, got '${!n}'"
done
for n in DURATION WARMUP; do
  [[ ${!n} =~ ^[0-9]+([.][0-9]+)?$ ]] || die "$n must be a number of seconds, got '${!n}'"
done

workdir=$(mktemp -d "${TMPDIR:-/tmp}/wareflow-bench.XXXXXX")
db=${DB_URI:-$workdir/bench.db}
server_pids=()

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local pid
  for pid in "${server_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [[ $KEEP == 1 ]]; then
    log "kept $workdir"
  else
    rm -rf -- "$workdir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a wareflow command with its output in a log file; shows the log on failure.
run_logged() {
  local name=$1; shift
  if ! "$@" >"$workdir/$name.log" 2>&1; then
    log "'$*' failed:"
    tail -n 40 "$workdir/$name.log" >&2
    exit 1
  fi
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
    return
  fi
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  die "no free port found"
}

healthy() {
  local port=$1
  if command -v curl >/dev/null 2>&1; then
    curl --noproxy '*' -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null
  else
    (
      exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
      printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&3
      IFS= read -r -t 2 status <&3 || exit 1
      [[ $status =~ ^HTTP/1\.[01]\ 2[0-9][0-9] ]]
    ) 2>/dev/null
  fi
}

# --- database --------------------------------------------------------------
log "demo database in ${DB_URI:+a PostgreSQL database}${DB_URI:-$db}"
run_logged demo "$WAREFLOW" demo --db "$db"

csv=$workdir/stock.csv
log "topping up $SKUS SKUs with $STOCK_QTY units each"
awk -v n="$SKUS" -v q="$STOCK_QTY" -v reason="$STOCK_REASON" 'BEGIN {
  print "warehouse,location,sku,quantity,lot,expiry,reason"
  for (i = 1; i <= n; i++) {
    aisle = (i - 1) % 10 + 1
    bay = int((i - 1) / 10) % 30 + 1
    # The demo tracks every 20th product by lot: top those up as a lot of their own.
    lot = (i % 20 == 0) ? "BENCH" : ""
    expiry = (i % 20 == 0) ? "2099-12-31" : ""
    printf "MAIN,A%02d-%03d-1,SKU-%05d,%d,%s,%s,%s\n", aisle, bay, i, q, lot, expiry, reason
  }
}' >"$csv"
run_logged import "$WAREFLOW" import stock --db "$db" --file "$csv"

run_logged token "$WAREFLOW" token create --db "$db" --role integration --name bench
# `token create` prints the token alone on stdout.
token=$(tail -n 1 "$workdir/token.log")
[[ -n $token && $token != *[[:space:]]* ]] || die "could not read the token from $workdir/token.log"

# --- servers ---------------------------------------------------------------
# start_server N: one more `wareflow serve` on a free port; appends its pid
# and port to server_pids and ports.
ports=()
start_server() {
  local n=$1 port pid attempt up deadline
  for attempt in 1 2 3; do
    port=$(free_port)
    [[ $port =~ ^[0-9]+$ ]] || die "could not pick a free port"
    log "starting wareflow serve #$n on 127.0.0.1:$port"
    # shellcheck disable=SC2086  # SERVE_FLAGS is a list of flags
    "$WAREFLOW" serve --db "$db" --listen "127.0.0.1:$port" ${SERVE_FLAGS:-} >"$workdir/server-$n.log" 2>&1 &
    pid=$!
    deadline=$((SECONDS + STARTUP_TIMEOUT))
    up=0
    while ((SECONDS < deadline)); do
      kill -0 "$pid" 2>/dev/null || break
      if healthy "$port"; then
        up=1
        break
      fi
      sleep 0.1
    done
    if ((up)); then
      server_pids+=("$pid")
      ports+=("$port")
      return
    fi
    if kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$workdir/server-$n.log" >&2
      kill -KILL "$pid" 2>/dev/null || true
      die "server not healthy after ${STARTUP_TIMEOUT}s"
    fi
    wait "$pid" 2>/dev/null || true
    log "server exited during startup (attempt $attempt):"
    tail -n 20 "$workdir/server-$n.log" >&2
  done
  die "server did not start"
}
for ((n = 1; n <= SERVERS; n++)); do start_server "$n"; done
port_list=$(IFS=,; echo "${ports[*]}")

# --- load ------------------------------------------------------------------
log "load: $CLIENTS clients, ${WARMUP}s warmup, ${DURATION}s measured"
load_rc=0
WAREFLOW_TOKEN=$token "$LOAD_ORDERS" --host 127.0.0.1 --port "$port_list" \
  --clients "$CLIENTS" --duration-s "$DURATION" --warmup-s "$WARMUP" \
  --skus "$SKUS" --channel "$CHANNEL" --seed "$SEED" \
  >"$workdir/load.out" || load_rc=$?
grep -v '^{"clients"' "$workdir/load.out" >&2 || true
result=$(grep '^{"clients"' "$workdir/load.out" | tail -n 1 || true)

# --- stop and verify -------------------------------------------------------
log "stopping the server(s) (SIGTERM)"
server_rc=0
for i in "${!server_pids[@]}"; do
  pid=${server_pids[$i]}
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "server #$((i + 1)) still running 30s after SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rc=0
  wait "$pid" || rc=$?
  if ((rc != 0 && rc != 143)); then
    log "server #$((i + 1)) exited with status $rc:"
    tail -n 20 "$workdir/server-$((i + 1)).log" >&2
    server_rc=$rc
  fi
done
server_pids=()

log "wareflow verify"
verify_rc=0
"$WAREFLOW" verify --db "$db" >"$workdir/verify.log" 2>&1 || verify_rc=$?
cat "$workdir/verify.log" >&2
((verify_rc == 0)) || log "verify failed with status $verify_rc"

if [[ -z $result ]]; then
  die "load_orders printed no result (status $load_rc)"
fi
printf '%s\n' "$result"

status=0
((load_rc == 0)) || { log "load_orders exited with status $load_rc"; status=1; }
((server_rc == 0 || server_rc == 143)) || status=1
((verify_rc == 0)) || status=1
exit "$status"
