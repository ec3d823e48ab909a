#!/usr/bin/env bash
# Benchmarks the NeoGlobal synthetic data generator at full size (default 1.5M Stripe rows), three ways:
#   hand-set  today's generator (Bogus pools)                      --rows N
#   fit       `--fit` on a SAMPLE-row sample of perfect pairs        (default 100k; fit_seconds = read + fit + model write)
#   model     sampling N rows from the fitted model (`--model`)      --rows N
# Each is run RUNS times (default 3); prints every run's seconds and peak RSS, then the median seconds and max peak RSS.
#   bench/generate.sh [--rows N] [--sample N] [--seed S] [--csv] [--only hand-set|fit|model]    (env: RUNS=3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
ROWS=1500000
SAMPLE=100000
ONLY=""
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --sample) SAMPLE="$2"; shift 2 ;;
    --seed) EXTRA+=(--seed "$2"); shift 2 ;;
    --csv) EXTRA+=(--csv); shift ;;
    --only) ONLY="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release src/NeoGlobal.DataGen.Runner -nologo -v q >/dev/null
DLL=src/NeoGlobal.DataGen.Runner/bin/Release/net10.0/NeoGlobal.DataGen.Runner.dll
mkdir -p bench/out
MODEL=bench/out/fit/model.json

# measure LABEL KEY ARGS...: runs the runner RUNS times; KEY is the runner's own timing line (elapsed_seconds / fit_seconds).
measure() {
  local label="$1" key="$2"; shift 2
  local secs=() own=() rss=() i log start end s kb pid v
  for i in $(seq 1 "$RUNS"); do
    log="bench/out/generate-$label-run$i.log"
    start=$(date +%s.%N)
    if [[ -x /usr/bin/time ]]; then
      /usr/bin/time -v dotnet "$DLL" "$@" >"$log" 2>&1
      kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    else
      # Fallback: poll VmHWM of the process from /proc.
      dotnet "$DLL" "$@" >"$log" 2>&1 &
      pid=$!; kb=0
      while kill -0 "$pid" 2>/dev/null; do
        v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0); [[ "${v:-0}" -gt "$kb" ]] && kb=$v; sleep 0.05
      done
      wait "$pid"
    fi
    end=$(date +%s.%N)
    s=$(echo "$end - $start" | bc -l)
    v=$(awk -F'[= ]' -v k="$key" '{for (j = 1; j < NF; j++) if ($j == k) print $(j + 1)}' "$log")
    printf '%-9s run %d: wall %.2f s (%s %s s), peak RSS %d MB\n' "$label" "$i" "$s" "$key" "$v" $((kb / 1024))
    secs+=("$s"); own+=("$v"); rss+=("$kb")
  done
  local median own_median peak
  median=$(printf '%s\n' "${secs[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  own_median=$(printf '%s\n' "${own[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
  peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  printf '%-9s median wall: %.2f s, median %s: %.2f s over %d runs, max peak RSS: %d MB\n' "$label" "$median" "$key" "$own_median" "$RUNS" $((peak / 1024))
}

if [[ -z "$ONLY" || "$ONLY" == hand-set ]]; then
  measure hand-set elapsed_seconds --rows "$ROWS" --out bench/out/generate "${EXTRA[@]}"
  grep -E 'stripe_rows|missing_in_erp' "bench/out/generate-hand-set-run$RUNS.log"
fi
if [[ -z "$ONLY" || "$ONLY" == fit || ! -f "$MODEL" ]]; then
  dotnet "$DLL" --seed-sample --rows "$SAMPLE" --out bench/out/sample >/dev/null
  measure fit fit_seconds --fit bench/out/sample --model "$MODEL" --out bench/out/fit
  grep -E 'sample_rows|created=' "bench/out/generate-fit-run$RUNS.log"
fi
if [[ -z "$ONLY" || "$ONLY" == model ]]; then
  measure model elapsed_seconds --model "$MODEL" --rows "$ROWS" --out bench/out/generate "${EXTRA[@]}"
  grep -E 'stripe_rows|missing_in_erp' "bench/out/generate-model-run$RUNS.log"
fi
printf 'rows=%s sample=%s\n' "$ROWS" "$SAMPLE"
