#!/usr/bin/env bash
# The durability soak (docs/durability.md): power cuts and SIGKILLs under mixed
# load (orders, waves and picks, packing and shipping, cycle counts, receipts,
# adjustments), every acknowledged write checked after each, and verify.
# `make test` runs a slice of both (6 cuts, 5 kills per backend); this runs
# the full count, outside ctest.
#
# usage: bench/soak.sh                 (CUTS=100 KILLS=100 BACKENDS=sqlite)
#   BUILD_DIR=build                    where db_tests and wareflow are
#   BACKENDS="sqlite postgres"         the SIGKILL soak on each (PostgreSQL: a
#                                      throwaway server, scripts/with-postgres)
# Each part prints its counts at the end (acknowledged writes per kind, run time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${BUILD_DIR:-$root/build}" && pwd)
CUTS=${CUTS:-100}
KILLS=${KILLS:-100}
BACKENDS=${BACKENDS:-sqlite}
for binary in "$build/db_tests" "$build/wareflow"; do
  [[ -x $binary ]] || { echo "soak: $binary is missing; build it first" >&2; exit 1; }
done
cd "$root"

echo "== power cuts: $CUTS under mixed load (SQLite on the simulated disk)" >&2
WAREFLOW_SOAK_CUTS=$CUTS "$build/db_tests" --gtest_filter='PowerLossSoak.*'

for backend in $BACKENDS; do
  echo "== SIGKILLs: $KILLS under mixed load on $backend" >&2
  case $backend in
    sqlite)
      WAREFLOW_SOAK_KILLS=$KILLS WAREFLOW_BIN="$build/wareflow" \
        python3 -m unittest -v tests/api/test_soak.py ;;
    postgres)
      scripts/with-postgres env WAREFLOW_TEST_BACKEND=postgres WAREFLOW_SOAK_KILLS=$KILLS \
        WAREFLOW_BIN="$build/wareflow" python3 -m unittest -v tests/api/test_soak.py ;;
    *) echo "soak: unknown backend $backend" >&2; exit 2 ;;
  esac
done
