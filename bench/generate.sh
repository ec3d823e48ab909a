#!/usr/bin/env bash
# Benchmarks the NeoGlobal synthetic data generator at full size (default 1.5M Stripe rows).
# Builds Release, runs the generator RUNS times (default 3) into bench/out/generate, prints each run's
# wall seconds and peak RSS, then the median seconds and the max peak RSS.
#   bench/generate.sh [--rows N] [--seed S] [--csv]      (env: RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
ROWS=1500000
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --seed) EXTRA+=(--seed "$2"); shift 2 ;;
    --csv) EXTRA+=(--csv); shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release src/NeoGlobal.DataGen.Runner -nologo -v q >/dev/null
DLL=src/NeoGlobal.DataGen.Runner/bin/Release/net10.0/NeoGlobal.DataGen.Runner.dll
OUT=bench/out/generate
mkdir -p bench/out

secs=()
rss=()
for i in $(seq 1 "$RUNS"); do
  log="bench/out/generate-run$i.log"
  start=$(date +%s.%N)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v dotnet "$DLL" --rows "$ROWS" --out "$OUT" "${EXTRA[@]}" >"$log" 2>&1
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  else
    # Fallback: poll VmHWM of the process from /proc.
    dotnet "$DLL" --rows "$ROWS" --out "$OUT" "${EXTRA[@]}" >"$log" 2>&1 &
    pid=$!; kb=0
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0); [[ "${v:-0}" -gt "$kb" ]] && kb=$v; sleep 0.05
    done
    wait "$pid"
  fi
  end=$(date +%s.%N)
  s=$(echo "$end - $start" | bc -l)
  gen=$(awk -F= '/elapsed_seconds/ {print $2}' "$log")
  printf 'run %d: wall %.2f s (generator %s s), peak RSS %d MB\n' "$i" "$s" "$gen" $((kb / 1024))
  secs+=("$s"); rss+=("$kb")
done

median=$(printf '%s\n' "${secs[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
grep -E 'stripe_rows|missing_in_erp' "bench/out/generate-run$RUNS.log"
printf 'median wall: %.2f s over %d runs (rows=%s), max peak RSS: %d MB\n' "$median" "$RUNS" "$ROWS" $((peak / 1024))
