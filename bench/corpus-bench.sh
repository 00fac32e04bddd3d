#!/usr/bin/env bash
# Corpus build benchmark of issue 4: `llmload corpus build` on generated production-like logs of growing
# size. Throughput (MB/s) and peak RSS per run, and the median of the runs per size: peak RSS must stay flat
# as the input grows (bounded memory). See bench/README.md, "Corpus build (issue 4)".
#
#   bench/corpus-bench.sh                 # 100 MB and 500 MB, 3 runs each (about 5 minutes on 2 cores, build included)
#   bench/corpus-bench.sh 50 100 500 1000 # other sizes (MB)
#   CORPUSBENCH_RUNS=1 bench/corpus-bench.sh --no-build 100
#
# Logs are generated once by bench/corpus-gen.py (seed 1) into $CORPUSBENCH_DIR (default /tmp/llmload-corpus-bench)
# and reused. Exit code: 0 when every run finished, 2 on bad arguments or a failed run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
# shellcheck source=bench/proc-stats.sh
source "$BENCH/proc-stats.sh"
CLI_DIR="$BENCH/.out/corpus-cli"
CLI="$CLI_DIR/LlmLoad.Cli"
DATA="${CORPUSBENCH_DIR:-/tmp/llmload-corpus-bench}"
RUNS="${CORPUSBENCH_RUNS:-3}"
CLK_TCK=$(getconf CLK_TCK)
RUN_PID=""
# The measured processes: /usr/bin/time and the CLI it started.
own_pids() { [[ -n "$RUN_PID" ]] && echo "$RUN_PID $(cat /proc/"$RUN_PID"/task/*/children 2>/dev/null)"; true; }

build=1
sizes=()
while (($#)); do
    case "$1" in
        --no-build) build=0 ;;
        -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
        *[!0-9]* | '') echo "usage: bench/corpus-bench.sh [--no-build] [SIZE_MB...]" >&2; exit 2 ;;
        *) sizes+=("$1") ;;
    esac
    shift
done
((${#sizes[@]})) || sizes=(100 500)

if ((build)); then
    echo "publishing src/LlmLoad.Cli (Release) to $CLI_DIR" >&2
    dotnet publish "$ROOT/src/LlmLoad.Cli/LlmLoad.Cli.csproj" -c Release -o "$CLI_DIR" --nologo -v quiet >&2
fi
[[ -x "$CLI" ]] || { echo "no published CLI at $CLI (run without --no-build)" >&2; exit 2; }
mkdir -p "$DATA"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { awk -F': ' -v key="$1" '$1 ~ key { print $2 }' "$2"; }

printf '%-8s %-4s %9s %9s %10s %9s %10s %11s %9s\n' size run "wall s" "MB/s" "tool MB/s" "CPU s" "peak RSS" "other CPU s" lines
summary=()
for size in "${sizes[@]}"; do
    log="$DATA/log-${size}MB.jsonl"
    [[ -s "$log" ]] || python3 "$BENCH/corpus-gen.py" "$log" "$size" --seed 1
    bytes=$(stat -c %s "$log")
    walls=() rates=() rsss=()
    for run in $(seq 1 "$RUNS"); do
        out="$DATA/out-${size}MB"
        rm -rf "$out"
        sample_others
        /usr/bin/time -v -o "$out.time" "$CLI" corpus build --from "$log" --out "$out/corpus.jsonl" --skip-bad-lines --seed 1 >"$out.stdout" 2>"$out.stderr" &
        RUN_PID=$!
        # Other processes' CPU, sampled once a second while the build runs: a busy neighbour shows up here.
        while kill -0 "$RUN_PID" 2>/dev/null; do sleep 1; sample_others add; done
        wait "$RUN_PID" || { echo "run failed: $(cat "$out.stderr")" >&2; exit 2; }
        RUN_PID=""
        wall=$(field "Elapsed \\(wall clock\\)" "$out.time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
        cpu=$(awk -v u="$(field "User time" "$out.time")" -v s="$(field "System time" "$out.time")" 'BEGIN { printf "%.1f", u + s }')
        rss_mb=$(awk -v k="$(field "Maximum resident set size" "$out.time")" 'BEGIN { printf "%.0f", k / 1024 }')
        rate=$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.1f", b / 1e6 / w }')
        tool_rate=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['performance']['mb_per_s'])" "$out/corpus.report.json")
        lines=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['lines']['read'])" "$out/corpus.report.json")
        other=$(awk -v t="$OTHER_TICKS" -v h="$CLK_TCK" 'BEGIN { printf "%.1f", t / h }')
        printf '%-8s %-4s %9.1f %9s %10s %9s %7s MB %11s %9s\n' "${size}MB" "$run" "$wall" "$rate" "$tool_rate" "$cpu" "$rss_mb" "$other" "$lines"
        walls+=("$wall") rates+=("$rate") rsss+=("$rss_mb")
        OTHER_TICKS=0
    done
    summary+=("$(printf '%-8s %9.1f %9.1f %7.0f MB' "${size}MB" \
        "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rates[@]}" | median)" "$(printf '%s\n' "${rsss[@]}" | median)")")
done

echo
echo "median of $RUNS runs (MB/s = file size / wall time, start-up included):"
printf '%-8s %9s %9s %10s\n' size "wall s" "MB/s" "peak RSS"
printf '%s\n' "${summary[@]}"
