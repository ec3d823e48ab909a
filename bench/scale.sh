#!/usr/bin/env bash
# NeoGlobal at growing sizes on embedded DuckDB with the project's default memory_limit (1 GB): generation time,
# build time and peak RSS per size, the growth factor of the build time from the smallest size, and the build time
# on a 3-node Citus cluster on this machine (shared/vendor/citus/cluster.sh; CITUS=0 skips it).
#   bench/scale.sh ["1500000 5000000 15000000"]
# CITUS_MAX_ROWS=N builds on Citus only up to N rows a side (the three nodes share this machine's disk and cores).
# Each size gets a copy of the project in bench/out/scale/<rows> (data, warehouse and DuckDB's spill folder there).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${1:-1500000 5000000 15000000}"
OUT="$PWD/bench/out/scale"
mkdir -p "$OUT"
dotnet build -c Release src/NeoGlobal.Cli -nologo -v q >/dev/null
NGDBT="dotnet $PWD/src/ngdbt/bin/Release/net10.0/ngdbt.dll"
NEOGLOBAL="dotnet $PWD/src/NeoGlobal.Cli/bin/Release/net10.0/neoglobal.dll"
first=""
if [ "${CITUS:-1}" = 1 ]; then
  CLUSTER="$PWD/../shared/vendor/citus/cluster.sh"
  CPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  bash "$CLUSTER" up "$OUT/citus" "$CPORT" 2 >/dev/null
  # Citus's defaults: the ladder and the fact table run co-located, so the 1 GB intermediate-result cap is never
  # reached (CITUS_LIFT_CAP=1 lifts it, to compare).
  if [ "${CITUS_LIFT_CAP:-0}" = 1 ]; then
    runuser -u postgres -- psql -h 127.0.0.1 -p "$CPORT" -U postgres -qc "alter system set citus.max_intermediate_result_size = -1" -c "select pg_reload_conf()" >/dev/null
  fi
  trap 'bash "$CLUSTER" down "$OUT/citus" || true' EXIT
  export NEOGLOBAL_CITUS_PORT="$CPORT"
fi
printf '%-10s %10s %10s %12s %8s %10s %s\n' rows gen_s build_s build_rss_MB growth citus_s result
for rows in $SIZES; do
  dir="$OUT/$rows"; rm -rf "$dir"; mkdir -p "$dir"
  cp -r models seeds tests macros project.yml profiles.yml "$dir/"
  ( cd "$dir"
    /usr/bin/time -v $NEOGLOBAL generate --rows "$rows" > gen.log 2> gen.time
    /usr/bin/time -v $NGDBT build > build.log 2> build.time || true
    if [ "${CITUS:-1}" = 1 ] && [ "$rows" -le "${CITUS_MAX_ROWS:-999999999999}" ]; then
      export NEOGLOBAL_CITUS_SCHEMA="scale$rows"
      /usr/bin/time -v $NGDBT build --target citus > citus.log 2> citus.time || true
    fi )
  secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
  gen=$(secs "$dir/gen.time"); build=$(secs "$dir/build.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$dir/build.time")
  result=$(grep -h "Done\." "$dir/build.log" | sed 's/^[0-9:]*  //' || echo "no summary")
  [ -z "$first" ] && first="$build"
  growth=$(echo "scale=2; $build / $first" | bc)
  citus=$([ -f "$dir/citus.time" ] && secs "$dir/citus.time" || echo "-")
  [ "${CITUS:-1}" = 1 ] && [ ! -f "$dir/citus.time" ] && citus="not-run"
  [ -f "$dir/citus.log" ] && result="$result | citus: $(grep -h "Done\." "$dir/citus.log" | sed 's/^[0-9:]*  //' || echo "no summary")"
  printf '%-10s %10s %10s %12s %8s %10s %s\n' "$rows" "$gen" "$build" "$rss" "${growth}x" "$citus" "$result"
done
