#!/usr/bin/env bash
# `ngdbt diff` on NeoGlobal at full size (1.5M Stripe rows, ~1.5M NetSuite rows): keep the built target/ and the
# warehouse file as the state (bench/out/diff/prev), change the fuzzy amount tolerance var, rebuild what that change
# selects (state:modified+: the var is read through the fuzzy_candidate macro), then time
#   ngdbt diff fct_reconciliation --state prev --key recon_id
# (target: the changed records and the leakage delta to the cent in under 5 s). The warehouse and target/ are
# restored from the state afterwards.
#   bench/diff.sh [runs=3] [tolerance=500.0000]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
TOL="${2:-500.0000}"
dotnet publish src/ngdbt -c Release -r linux-x64 --self-contained false -o bench/out/ngdbt-r2r -nologo -v q >/dev/null
NGDBT="$PWD/bench/out/ngdbt-r2r/ngdbt"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
if [[ ! -f warehouse/neoglobal.duckdb || ! -f target/state.json ]]; then
  dotnet run -c Release --project src/NeoGlobal.Pipeline > /dev/null
fi
P=bench/out/diff
rm -rf "$P/prev" && mkdir -p "$P"
cp -r target "$P/prev" && cp warehouse/neoglobal.duckdb "$P/prev/"
restore() { cp "$P/prev/neoglobal.duckdb" warehouse/neoglobal.duckdb; rm -rf target && cp -r "$P/prev" target && rm -f target/neoglobal.duckdb; }
trap restore EXIT
VARS="{fuzzy_amount_tolerance: $TOL}"
echo "change: --vars '$VARS'; state:modified+ selects: $("$NGDBT" ls -s state:modified+ --state "$P/prev" --vars "$VARS" --resource-type model --output name | tr '\n' ' ')"
"$NGDBT" build -s state:modified+ --state "$P/prev" --vars "$VARS" > "$P/build.log" 2>&1 || { tail -20 "$P/build.log"; exit 1; }
grep -E "^.*Done\." "$P/build.log"
secs=()
for i in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "%e" -o "$P/time.txt" "$NGDBT" diff fct_reconciliation --state "$P/prev" --key recon_id --sample-size 5 > "$P/diff.txt" 2>&1
  secs+=("$(cat "$P/time.txt")")
done
cat "$P/diff.txt"
echo "ngdbt diff fct_reconciliation --state prev (1.5M rows a side): median $(printf '%s\n' "${secs[@]}" | median) s wall (runs: ${secs[*]})"
"$NGDBT" diff rpt_leakage_summary --state "$P/prev" --key dimension,bucket --sample-size 3 | grep -E "rows:|leakage_usd|result:" || true
