#!/usr/bin/env bash
# The unchanged NeoGlobal project on each target from the same generated data: build time per target, the ratio
# PostgreSQL / DuckDB, and whether fct_reconciliation and rpt_leakage_summary are identical (`ngdbt fingerprint`:
# row count, order-independent hash of every value, exact decimal sums).
#   bench/warehouses.sh [rows=1500000] [runs=3]
# PostgreSQL: a server of its own from Debian's packages (initdb in a temp dir, 127.0.0.1, a free port), stopped at exit.
# Citus: a coordinator + 2 workers from shared/vendor/citus/cluster.sh (run build.sh once first), 32 shards.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1500000}"
RUNS="${2:-3}"
WORK="$PWD/bench/out/warehouses"
rm -rf "$WORK"; mkdir -p "$WORK"; chmod 755 "$WORK"
dotnet build -c Release src/NeoGlobal.Cli -nologo -v q >/dev/null
NGDBT="dotnet src/ngdbt/bin/Release/net10.0/ngdbt.dll"
NEOGLOBAL="dotnet src/NeoGlobal.Cli/bin/Release/net10.0/neoglobal.dll"
export NEOGLOBAL_WAREHOUSE="$WORK/warehouse.duckdb"

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDIR="$WORK/pg"; mkdir -p "$PGDIR"
as_pg() { if [ "$(id -u)" = 0 ]; then chown -R postgres "$PGDIR"; runuser -u postgres -- "$@"; else "$@"; fi; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres --no-sync -E UTF8 --locale=C >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=512MB -c max_wal_size=8GB -c synchronous_commit=off" start >/dev/null
CITUS="$PWD/../shared/vendor/citus/cluster.sh"
CPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bash "$CITUS" up "$WORK/citus" "$CPORT" 2 >/dev/null
# Citus's defaults as they are (including the 1 GB cap on intermediate results): the matching ladder and the fact table
# run co-located on the workers (recon_key), so no big result passes through the coordinator.
trap 'as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1 || true; bash "$CITUS" down "$WORK/citus" || true' EXIT
export NEOGLOBAL_CITUS_PORT="$CPORT" NEOGLOBAL_CITUS_SCHEMA="bench"
psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "create database neoglobal"
export NEOGLOBAL_PG_PORT="$PORT"

$NEOGLOBAL generate --rows "$ROWS" > "$WORK/generate.log" 2>&1
grep -o 'expected Total Leakage .*' "$WORK/generate.log"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
duck=(); pg=(); ci=()
citus_sql() { runuser -u postgres -- psql -h 127.0.0.1 -p "$CPORT" -U postgres -qtAc "$1"; }
for i in $(seq 1 "$RUNS"); do
  rm -f "$NEOGLOBAL_WAREHOUSE" "$NEOGLOBAL_WAREHOUSE.wal"
  start=$(date +%s.%N); $NGDBT build --target dev > "$WORK/duckdb-$i.log" 2>&1; end=$(date +%s.%N)
  duck+=("$(echo "$end - $start" | bc)")
  # Each PostgreSQL run starts from an empty database, so the file sources are loaded (binary COPY) every time.
  psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "drop database neoglobal" -c "create database neoglobal"
  start=$(date +%s.%N); $NGDBT build --target postgres > "$WORK/postgres-$i.log" 2>&1; end=$(date +%s.%N)
  pg+=("$(echo "$end - $start" | bc)")
  for s in $(citus_sql "select nspname from pg_namespace where nspname like 'bench%'"); do citus_sql "drop schema $s cascade" >/dev/null; done
  start=$(date +%s.%N); $NGDBT build --target citus > "$WORK/citus-$i.log" 2>&1; end=$(date +%s.%N)
  ci+=("$(echo "$end - $start" | bc)")
  grep -h "Done\." "$WORK/duckdb-$i.log" "$WORK/postgres-$i.log" "$WORK/citus-$i.log" | sed 's/^[0-9:]*  //'
done

for t in dev postgres citus; do
  $NGDBT fingerprint --target "$t" -s fct_reconciliation rpt_leakage_summary | grep 'rows=' | sed 's/^[0-9:]*  //' > "$WORK/fingerprint-$t.txt"
done
d=$(printf '%s\n' "${duck[@]}" | median); p=$(printf '%s\n' "${pg[@]}" | median)
echo "rows per side: $ROWS, runs: $RUNS"
echo "build duckdb (median): ${d} s"
echo "build postgres (median, file sources loaded included): ${p} s"
c=$(printf '%s\n' "${ci[@]}" | median)
echo "build citus, 3 nodes on this machine (median, file sources loaded included): ${c} s"
echo "ratio postgres/duckdb: $(echo "scale=2; $p / $d" | bc)"
echo "ratio citus/duckdb: $(echo "scale=2; $c / $d" | bc)"
sed 's/^/duckdb:   /' "$WORK/fingerprint-dev.txt"
sed 's/^/postgres: /' "$WORK/fingerprint-postgres.txt"
sed 's/^/citus:    /' "$WORK/fingerprint-citus.txt"
if cmp -s "$WORK/fingerprint-dev.txt" "$WORK/fingerprint-postgres.txt" && cmp -s "$WORK/fingerprint-dev.txt" "$WORK/fingerprint-citus.txt"; then echo "fingerprints: identical"; else echo "fingerprints: DIFFERENT"; exit 1; fi
