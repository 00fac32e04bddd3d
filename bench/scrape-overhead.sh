#!/usr/bin/env bash
# Scrape-overhead benchmark (issue 13 target): what scraping 4 /metrics endpoints every second costs the client.
# One `llmload simulate` (its /metrics with the DCGM-like GPU series, so each scrape is a full exposition) serves
# pairs of runs with the same settings and seed, alternating: scraping off, then 4 endpoints at 1 s. It prints
# each run's client CPU (summary.json client.cpu_s, start-up excluded) and TTFT p50/p99, then the medians and
# the paired differences. On a shared machine only the paired differences mean something.
#
#   bench/scrape-overhead.sh                     # 3 pairs, c=200, 2000 requests of 64 tokens (~2 minutes after the build)
#   bench/scrape-overhead.sh --no-build --pairs 2 --requests 6000   # longer runs: the scraper's JIT amortized
#
# LOADBENCH_CLI: another published LlmLoad.Cli to benchmark (no publish then).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/bench/.out"
RESULTS="$ROOT/bench/results/scrape-$(date -u +%Y%m%dT%H%M%SZ)"
build=1 pairs=3 concurrency=200 requests=2000 tokens=64
while (($#)); do
    case "$1" in
        --no-build) build=0 ;;
        --pairs) pairs="${2:?--pairs needs a number}"; shift ;;
        --requests) requests="${2:?--requests needs a number}"; shift ;;
        -h | --help) sed -n 2,12p "$0"; exit 0 ;;
        *) echo "scrape-overhead: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[[ "$pairs" =~ ^[1-9][0-9]*$ && "$requests" =~ ^[1-9][0-9]*$ ]] || { echo "scrape-overhead: --pairs and --requests take whole numbers of at least 1" >&2; exit 2; }

log() { echo "[scrape-overhead $(date -u +%H:%M:%S)] $*" >&2; }
# shellcheck source=bench/simulator-process.sh
source "$ROOT/bench/simulator-process.sh"

CLI="${LOADBENCH_CLI:-$OUT/cli/LlmLoad.Cli}"
if [[ -z "${LOADBENCH_CLI:-}" && $build == 1 ]]; then
    log "publishing src/LlmLoad.Cli (Release) to bench/.out/cli"
    dotnet publish "$ROOT/src/LlmLoad.Cli" -c Release -o "$OUT/cli" --nologo -v quiet -clp:NoSummary
fi
[[ -x "$CLI" ]] || { echo "scrape-overhead: no published CLI at $CLI (run without --no-build)" >&2; exit 2; }

mkdir -p "$RESULTS"
"$CLI" simulate --port 0 --ttft-ms 200 --itl-ms 20 --simulated-gpu true >"$RESULTS/simulator.out" 2>"$RESULTS/simulator.err" &
SIM_PID=$!
trap 'kill "$SIM_PID" 2>/dev/null || true' EXIT
await_listening "$RESULTS" || exit 2
log "simulator at $SIM_URL; results in $RESULTS"

run_one() {
    local name="$1"; shift
    "$CLI" run --url "$SIM_URL/v1" --model sim --concurrency "$concurrency" --requests "$requests" \
        --output-tokens "$tokens" --input-tokens 32 --seed 1 --out "$RESULTS/$name" "$@" >"$RESULTS/$name.out" 2>&1
}

scrape=()
for k in 1 2 3 4; do scrape+=(--server-metrics "$SIM_URL/metrics?endpoint=$k"); done
for i in $(seq 1 "$pairs"); do
    log "pair $i: scraping off"
    run_one "off-$i" --server-metrics off
    log "pair $i: 4 endpoints every 1s"
    run_one "on-$i" "${scrape[@]}" --scrape-interval 1s
done

python3 - "$RESULTS" "$pairs" <<'PY'
import json, statistics, sys
root, pairs = sys.argv[1], int(sys.argv[2])
def figures(name):
    s = json.load(open(f"{root}/{name}/summary.json"))
    ttft = s["latency_ms"]["ttft"]
    scrapes = sum(e.get("scrapes", 0) for e in (s.get("server") or {}).get("endpoints", [])) if s.get("server") else 0
    return s["client"]["cpu_s"], ttft["p50"], ttft["p99"], scrapes
rows = [(i, figures(f"off-{i}"), figures(f"on-{i}")) for i in range(1, pairs + 1)]
print(f"{'pair':>4}  {'CPU s off':>9} {'CPU s on':>9} {'+CPU':>7}   {'TTFT p50 off/on ms':>19}   {'TTFT p99 off/on ms':>19}   scrapes answered")
for i, off, on in rows:
    print(f"{i:>4}  {off[0]:9.3f} {on[0]:9.3f} {100*(on[0]-off[0])/off[0]:+6.1f}%   {off[1]:8.2f} / {on[1]:8.2f}   {off[2]:8.2f} / {on[2]:8.2f}   {on[3]}")
med = lambda xs: statistics.median(xs)
print(f"median CPU increase {med([100*(on[0]-off[0])/off[0] for _, off, on in rows]):+.1f}%; "
      f"median TTFT p50 change {med([on[1]-off[1] for _, off, on in rows]):+.2f} ms, p99 change {med([on[2]-off[2] for _, off, on in rows]):+.2f} ms")
PY
