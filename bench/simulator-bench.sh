#!/usr/bin/env bash
# Simulator benchmark of issue 3: is `llmload simulate` ever the bottleneck of a test on this 2-core machine?
# A minimal load driver (bench/LlmLoad.SimBench) holds N streams open in a closed loop and counts SSE events
# by scanning bytes; the simulator's own send-lag histogram (GET /metrics) says how late it was.
# See the "Simulator" section of bench/README.md for the figures and how to read them.
#
#   bench/simulator-bench.sh                       # every scenario, 3 runs each (about 8 minutes, build included)
#   bench/simulator-bench.sh --runs 1 schedule     # one run of one scenario
#   bench/simulator-bench.sh --no-build holding
#   SIMBENCH_SIMULATOR_ENV="DOTNET_gcServer=0" bench/simulator-bench.sh --no-build schedule
#
# SIMBENCH_SIMULATOR_ENV: extra NAME=VALUE pairs (space-separated) for the simulator only, to try a runtime setting.
# SIMBENCH_CLI: another published LlmLoad.Cli to benchmark (a candidate fix); skips its publish.
# SIMBENCH_QUIET_WAIT_S: how long each run waits for the machine to be quiet first (default 60).
# SIMBENCH_DRIVER_NICE: nice value for the driver (default 0). 19 stands in for a client on its own machine:
#   the driver gets only the CPU the simulator leaves, so the send lag is the simulator's, not the sharing's.
#
# Exit code: 0 when every target held, 1 when one missed, 2 on bad arguments or a broken run.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/simulator-bench.sh [--no-build] [--runs N] [SCENARIO...]
  SCENARIO   throughput          --profile instant, 200 streams, max_tokens 1000, 20 s (2 s warm-up)
             holding             TTFT 200 ms / ITL 20 ms, 5000 streams, max_tokens 500, 30 s (5 s warm-up)
             schedule            TTFT 200 ms / ITL 20 ms, 1000 streams, max_tokens 200, 30 s (5 s warm-up),
                                 every stream starting at once (tokens due in bursts of 1000)
             schedule-staggered  the same, stream starts spread over one request time (4.2 s)
             all                 all four (the default)
  --runs N   repetitions of each scenario, a fresh simulator each (default 3; the table shows the median)
  --no-build reuse the binaries already published under bench/.out
Results: bench/results/simulator-<UTC timestamp>.txt, raw outputs in bench/results/simulator-<UTC timestamp>/.
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
# shellcheck source=bench/proc-stats.sh
source "$BENCH/proc-stats.sh"
# shellcheck source=bench/simulator-process.sh
source "$BENCH/simulator-process.sh"
OUT="$BENCH/.out"
CLI="${SIMBENCH_CLI:-$OUT/cli/LlmLoad.Cli}"
DRIVER="$OUT/simbench/LlmLoad.SimBench"
FDS_NEEDED=10500    # one socket per stream on each side (5,000 x 2) plus the runtimes' own
QUIET_WAIT_S="${SIMBENCH_QUIET_WAIT_S:-60}"
DRIVER_NICE="${SIMBENCH_DRIVER_NICE:-0}"
[[ "$DRIVER_NICE" =~ ^[0-9]+$ && "$DRIVER_NICE" -le 19 ]] || { echo "SIMBENCH_DRIVER_NICE must be 0..19" >&2; exit 2; }

build=1
runs=3
scenarios=()
while (($#)); do
    case "$1" in
        --no-build) build=0 ;;
        --runs) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { usage >&2; exit 2; }; runs=$2; shift ;;
        -h | --help) usage; exit 0 ;;
        throughput | holding | schedule | schedule-staggered) scenarios+=("$1") ;;
        all) scenarios+=(throughput holding schedule schedule-staggered) ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
((${#scenarios[@]})) || scenarios=(throughput holding schedule schedule-staggered)

read -r -a SIMULATOR_ENV <<<"${SIMBENCH_SIMULATOR_ENV:-}"
CLK_TCK=$(getconf CLK_TCK)
SIM_PID=""
DRIVER_PID=""

# Stops what this script started, by pid.
cleanup() {
    local pid
    for pid in "$DRIVER_PID" "$SIM_PID"; do
        [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || continue
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[simulator-bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# The processes sample_others must not count as disturbance (itself: $$ is always left out).
own_pids() { echo "${DRIVER_PID:-} ${SIM_PID:-}"; }

build_binaries() {
    if [[ -z "${SIMBENCH_CLI:-}" ]]; then
        log "publishing src/LlmLoad.Cli (Release) to bench/.out/cli"
        dotnet publish "$ROOT/src/LlmLoad.Cli" -c Release -o "$OUT/cli" --nologo -v quiet -clp:NoSummary
    fi
    log "publishing bench/LlmLoad.SimBench (Release) to bench/.out/simbench"
    dotnet publish "$BENCH/LlmLoad.SimBench" -c Release -o "$OUT/simbench" --nologo -v quiet -clp:NoSummary
}

# Sets the scenario's shape: SIM_ARGS, SCHEDULE_ARGS (the timing the driver checks arrivals against), STREAMS,
# MAX_TOKENS, DURATION_S, WARMUP_S, RAMP_S, GRACE_S, DESCRIPTION.
shape_of() {
    RAMP_S=0
    SCHEDULE_ARGS=(--ttft-ms 200 --itl-ms 20)
    case "$1" in
        throughput)
            SIM_ARGS=(--profile instant); SCHEDULE_ARGS=(); STREAMS=200; MAX_TOKENS=1000; DURATION_S=20; WARMUP_S=2; GRACE_S=10
            DESCRIPTION="instant profile, 200 streams, max_tokens 1000, 20 s (2 s warm-up)" ;;
        holding)
            SIM_ARGS=(--ttft-ms 200 --itl-ms 20); STREAMS=5000; MAX_TOKENS=500; DURATION_S=30; WARMUP_S=5; GRACE_S=25
            DESCRIPTION="TTFT 200 ms / ITL 20 ms, 5000 streams started at once, max_tokens 500 (10.2 s each), 30 s (5 s warm-up)" ;;
        schedule)
            SIM_ARGS=(--ttft-ms 200 --itl-ms 20); STREAMS=1000; MAX_TOKENS=200; DURATION_S=30; WARMUP_S=5; GRACE_S=15
            DESCRIPTION="TTFT 200 ms / ITL 20 ms, 1000 streams started at once, max_tokens 200 (4.18 s each), 30 s (5 s warm-up)" ;;
        schedule-staggered)
            SIM_ARGS=(--ttft-ms 200 --itl-ms 20); STREAMS=1000; MAX_TOKENS=200; DURATION_S=30; WARMUP_S=5; GRACE_S=15; RAMP_S=4.2
            DESCRIPTION="as schedule, stream starts spread evenly over 4.2 s" ;;
    esac
}

start_simulator() {
    local dir="$1"
    env "${SIMULATOR_ENV[@]}" "$CLI" simulate --port 0 "${SIM_ARGS[@]}" >"$dir/simulator.out" 2>"$dir/simulator.err" &
    SIM_PID=$!
    await_listening "$dir"
}

stop_simulator() {
    kill -TERM "$SIM_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
    SIM_PID=""
}

# Busy ticks of the whole machine (all cores), from the first line of /proc/stat.
busy_ticks() {
    local _cpu user nice system idle iowait irq softirq steal _rest
    read -r _cpu user nice system idle iowait irq softirq steal _rest </proc/stat
    echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
}

# Waits (at most QUIET_WAIT_S) until the machine was less than 10 % busy over 3 s: builds and tests of other
# sessions come and go on this machine, and a run next to one measures them. Sets QUIET to yes or no.
wait_for_quiet() {
    local end=$((SECONDS + QUIET_WAIT_S)) b1 t1 b2 t2
    QUIET=no
    while ((SECONDS < end)); do
        read -r b1 t1 < <(busy_ticks)
        sleep 3
        read -r b2 t2 < <(busy_ticks)
        if ((t2 > t1 && 100 * (b2 - b1) < 10 * (t2 - t1))); then QUIET=yes; return; fi
    done
    log "the machine was still busy after ${QUIET_WAIT_S} s; running anyway (flagged in the table)"
}

# One run: a fresh simulator, the driver against it; the driver's key=value lines plus the simulator's
# CPU and peak RSS (from /proc, read just before it is stopped) and other processes' CPU go to $dir/figures.txt.
run_once() {
    local name="$1" rep="$2" dir="$RESULTS/$1/run$2"
    mkdir -p "$dir"
    wait_for_quiet
    start_simulator "$dir" || return 2
    local driver_args=(--url "$SIM_URL" --concurrency "$STREAMS" --max-tokens "$MAX_TOKENS" --duration "$DURATION_S"
        --warmup "$WARMUP_S" --ramp "$RAMP_S" --grace "$GRACE_S" --server-pid "$SIM_PID" "${SCHEDULE_ARGS[@]}")
    {
        echo "${SIMULATOR_ENV[*]}${SIMULATOR_ENV[*]:+ }llmload simulate --port 0 ${SIM_ARGS[*]}"
        echo "LlmLoad.SimBench ${driver_args[*]}"
    } >"$dir/commands.txt"
    log "$name run $rep/$runs: simulator pid $SIM_PID at $SIM_URL"

    local sim_start wall_start
    OTHER_SEEN=()
    OTHER_TICKS=0
    sample_others
    sim_start=$(cpu_ticks "$SIM_PID")
    wall_start="${EPOCHREALTIME/./}"
    nice -n "$DRIVER_NICE" "$DRIVER" "${driver_args[@]}" >"$dir/driver.out" 2>"$dir/driver.err" &
    DRIVER_PID=$!
    local deadline=$((DURATION_S + GRACE_S + 60)) t=0
    while kill -0 "$DRIVER_PID" 2>/dev/null; do
        sleep 1
        sample_others count
        t=$((t + 1))
        if ((t > deadline)); then
            log "$name run $rep: driver still running after ${deadline} s; killing it"
            kill -KILL "$DRIVER_PID" 2>/dev/null || true
        fi
    done
    local driver_exit=0
    wait "$DRIVER_PID" || driver_exit=$?
    DRIVER_PID=""
    local sim_end hwm wall_s
    sim_end=$(cpu_ticks "$SIM_PID")
    hwm=$(status_kb "$SIM_PID" VmHWM)
    wall_s=$(awk -v a="$wall_start" -v b="${EPOCHREALTIME/./}" 'BEGIN { printf "%.3f", (b - a) / 1e6 }')
    stop_simulator
    if ((driver_exit != 0)) || ! grep -q '^schema=' "$dir/driver.out"; then
        log "$name run $rep: driver exit $driver_exit: $(head -c 500 "$dir/driver.err")"
        return 2
    fi
    {
        cat "$dir/driver.out"
        echo "run_wall_s=$wall_s"
        echo "quiet_before=$QUIET"
        awk -v t=$((sim_end - sim_start)) -v hz="$CLK_TCK" -v w="$wall_s" -v o="$OTHER_TICKS" -v kb="$hwm" 'BEGIN {
            printf "sim_cpu_s=%.2f\nsim_cpu_cores=%.3f\nsim_peak_rss_mb=%.1f\nothers_cpu_cores=%.3f\n", t / hz, t / hz / w, kb / 1024, o / hz / w }'
    } >"$dir/figures.txt"
}

# The value of KEY in a run's figures.txt.
figure() { grep -m1 "^$2=" "$1" | cut -d= -f2-; }

# Median of the values on stdin (one a line; "inf" sorts last).
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One table row: LABEL KEY [TARGET], showing each run's value and the median.
row() {
    local label="$1" key="$2" target="${3:-}" values=() f
    for f in "$RESULTS/$NAME"/run*/figures.txt; do values+=("$(figure "$f" "$key")"); done
    local med
    med=$(printf '%s\n' "${values[@]}" | median)
    printf '  %-38s %-36s %-12s %s\n' "$label" "$(printf '%s\n' "${values[@]}" | readable | paste -sd' ')" "$(echo "$med" | readable)" "$target"
    MEDIAN="$med"
}

# Figures rounded for the table: whole numbers from 1000 up, 4 significant digits below.
readable() { awk '{ if ($1 == "inf" || $1 == "nan" || $1 == "n/a") print $1; else if ($1 >= 1000 || $1 <= -1000) printf "%.0f\n", $1; else printf "%.4g\n", $1 }'; }

# Appends the scenario's table to $TABLE and sets VERDICT (PASS, MISS).
table_of() {
    NAME="$1"
    shape_of "$NAME"
    VERDICT=PASS
    {
        echo "== $NAME: $DESCRIPTION =="
        printf '  %-38s %-36s %-12s %s\n' figure "runs" median "target"
        case "$NAME" in
            throughput)
                row "content chunks/s" content_chunks_per_s ">= 50000"
                awk -v m="$MEDIAN" 'BEGIN { exit !(m >= 50000) }' || VERDICT=MISS
                row "SSE events/s (content + 3 framing)" events_per_s
                ;;
            holding)
                row "client peak open streams" client_peak_open_streams ">= 5000"
                awk -v m="$MEDIAN" 'BEGIN { exit !(m >= 5000) }' || VERDICT=MISS
                row "server peak num_requests_running" server_peak_running ">= 5000"
                awk -v m="$MEDIAN" 'BEGIN { exit !(m >= 5000) }' || VERDICT=MISS
                row "content chunks/s" content_chunks_per_s "ideal 245580"
                row "send lag p50 ms (window)" send_lag_p50_ms
                row "send lag p99 ms (window)" send_lag_p99_ms
                row "client arrival lag p99 ms" client_lag_p99_ms
                ;;
            schedule | schedule-staggered)
                row "send lag p99 ms (window)" send_lag_p99_ms "<= 2"
                awk -v m="$MEDIAN" 'BEGIN { exit !(m <= 2) }' || VERDICT=MISS
                row "send lag p50 ms" send_lag_p50_ms
                row "tokens late <= 2 ms" send_lag_within_2ms
                row "send lag p99 ms (whole run)" run_send_lag_p99_ms
                row "client arrival lag p50 ms" client_lag_p50_ms
                row "client arrival lag p99 ms" client_lag_p99_ms
                row "events arrived late <= 2 ms" client_lag_within_2ms
                row "content chunks/s" content_chunks_per_s "ideal 47847"
                ;;
        esac
        row "errors (status+transport+truncated)" errors "0"
        [[ "$MEDIAN" == 0 ]] || VERDICT=MISS
        local f bad=0
        for f in "$RESULTS/$NAME"/run*/figures.txt; do [[ "$(figure "$f" errors)" == 0 ]] || bad=1; done
        ((bad == 0)) || VERDICT=MISS
        row "requests completed" requests_completed
        row "cut when the grace ran out" cut_at_end
        row "simulator CPU cores (window)" window_server_cpu_cores
        row "driver CPU cores (window)" window_driver_cpu_cores
        row "machine busy cores (window)" window_machine_busy_cores "of 2"
        row "other processes CPU cores (run)" others_cpu_cores "~0"
        row "simulator CPU s (run)" sim_cpu_s
        row "simulator peak RSS MB" sim_peak_rss_mb
        row "driver peak RSS MB" driver_peak_rss_mb
        for f in "$RESULTS/$NAME"/run*/figures.txt; do
            awk -v o="$(figure "$f" others_cpu_cores)" 'BEGIN { exit !(o > 0.1) }' &&
                echo "  ! ${f#"$RESULTS/"}: other processes used $(figure "$f" others_cpu_cores) cores: run disturbed"
            [[ "$(figure "$f" quiet_before)" == yes ]] ||
                echo "  ! ${f#"$RESULTS/"}: the machine was busy before the run started"
        done
        echo "  => $VERDICT"
        echo
    } >>"$TABLE"
}

if ((build)); then
    build_binaries
fi
[[ -x "$CLI" && -x "$DRIVER" ]] || { log "binaries missing under bench/.out; run without --no-build"; exit 2; }

ulimit -n "$FDS_NEEDED" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (($(ulimit -n) < FDS_NEEDED)); then
    log "ulimit -n is $(ulimit -n) (hard $(ulimit -Hn)); holding needs $FDS_NEEDED: raise the hard limit"
    exit 2
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="$BENCH/results/simulator-$STAMP"
TABLE="$BENCH/results/simulator-$STAMP.txt"
mkdir -p "$RESULTS"
{
    echo "command: bench/simulator-bench.sh --runs $runs ${scenarios[*]}"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown) ($(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) uncommitted paths)"
    echo "machine: $(nproc) cores, $(uname -sr), dotnet $(dotnet --version), ulimit -n $(ulimit -n)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "simulator only: ${SIMBENCH_SIMULATOR_ENV:-}; binary: $CLI; driver nice: $DRIVER_NICE"
    echo "runs: each value is one run (fresh simulator); the median decides. Rates and CPU cores over the window"
    echo "(end of warm-up to end of sending); send lag = flush time - planned time per content token, from the"
    echo "simulator's histogram (taken when the event is handed to Kestrel's pipe), p50/p99 interpolated within"
    echo "its buckets; client arrival lag = driver read time - (role chunk arrival + TTFT + (k-1) x ITL) for content"
    echo "token k, 10 us buckets: the same schedule seen after the socket write, the loopback and the driver's read."
    echo
} >"$TABLE"
log "results in ${TABLE#"$ROOT"/} and ${RESULTS#"$ROOT"/}/"

status=0
for name in "${scenarios[@]}"; do
    shape_of "$name"
    broken=0
    for rep in $(seq 1 "$runs"); do
        rc=0
        run_once "$name" "$rep" || rc=$?
        ((rc == 0)) || broken=1
    done
    if ((broken)); then
        echo "== $name: a run broke; see ${RESULTS#"$ROOT"/}/$name ==" >>"$TABLE"
        status=2
        continue
    fi
    table_of "$name"
    [[ "$VERDICT" == PASS ]] || ((status == 2)) || status=1
done

{
    echo "== raw figures of every run =="
    for f in "$RESULTS"/*/run*/figures.txt; do
        echo "-- ${f#"$RESULTS/"}"
        grep -v '^send_lag_buckets=' "$f" | paste -sd' '
        grep '^send_lag_buckets=' "$f" || true
    done
} >>"$TABLE"
sed -n '/^== raw figures/q;p' "$TABLE"
log "saved to ${TABLE#"$ROOT"/}"
exit "$status"
