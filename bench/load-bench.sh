#!/usr/bin/env bash
# Load benchmark of issue 2: `llmload simulate` and `llmload run` as two separate processes, the client's
# figures checked against the simulator's truth log and against the kernel's view of the client.
# See bench/README.md for what it measures and how to read the tables.
#
#   bench/load-bench.sh                  # smoke, closed-1000, open-200 (about 3 minutes, build included)
#   bench/load-bench.sh smoke            # 100 streams, 10 s: a quick check
#   bench/load-bench.sh --no-build closed-1000 open-200
#   LOADBENCH_CLIENT_ENV="DOTNET_GCgen0size=0x4000000" bench/load-bench.sh --no-build closed-1000
#
# LOADBENCH_CLIENT_ENV / LOADBENCH_SIMULATOR_ENV: extra NAME=VALUE pairs (space-separated) for one side
# only, to test a runtime setting's effect on the client or the simulator alone. The default is none.
# LOADBENCH_CLI: another published LlmLoad.Cli to benchmark (a candidate fix, a branch); skips the publish.
#
# Exit code: 0 when every target held, 1 when one missed, 2 on bad arguments or a broken run.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/load-bench.sh [--no-build] [SCENARIO...]
  SCENARIO   smoke        closed loop, 100 streams, 10 s (+2 s warm-up)
             closed-1000  closed loop, 1000 streams, 60 s (+5 s warm-up)
             open-200     open loop, 200 req/s constant arrivals, cap 2000, 60 s (+5 s warm-up)
             all          all three (the default)
  --no-build reuse the binaries already published under bench/.out
Simulator timing for every scenario: TTFT 200 ms, ITL 20 ms, 64 output tokens, 32 input tokens.
Raw outputs go to bench/results/<UTC timestamp>/<scenario>/.
Environment: LOADBENCH_CLIENT_ENV, LOADBENCH_SIMULATOR_ENV = extra NAME=VALUE pairs for one process;
             LOADBENCH_CLI = path of another published LlmLoad.Cli to benchmark (no publish then).
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
# shellcheck source=bench/proc-stats.sh
source "$BENCH/proc-stats.sh"
# shellcheck source=bench/simulator-process.sh
source "$BENCH/simulator-process.sh"
OUT="$BENCH/.out"
CLI="${LOADBENCH_CLI:-$OUT/cli/LlmLoad.Cli}"
ANALYZER="$OUT/analyzer/LlmLoad.LoadBench"

# Same server timing for every scenario; ideal request time = TTFT + (tokens - 1) x ITL = 1460 ms.
TTFT_MS=200
ITL_MS=20
OUTPUT_TOKENS=64
INPUT_TOKENS=32
SIM_SEED=1
CLIENT_SEED=1
GRACE_S=10          # the client's --grace: in-flight requests may finish this long after --duration
SLACK_S=60          # beyond duration + warm-up + grace, a run is declared hung and interrupted

build=1
scenarios=()
while (($#)); do
    case "$1" in
        --no-build) build=0 ;;
        -h | --help) usage; exit 0 ;;
        smoke | closed-1000 | open-200) scenarios+=("$1") ;;
        all) scenarios+=(smoke closed-1000 open-200) ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
((${#scenarios[@]})) || scenarios=(smoke closed-1000 open-200)

CLK_TCK=$(getconf CLK_TCK)
read -r -a CLIENT_ENV <<<"${LOADBENCH_CLIENT_ENV:-}"
read -r -a SIMULATOR_ENV <<<"${LOADBENCH_SIMULATOR_ENV:-}"
SIM_PID=""
TIME_PID=""
CLIENT_PID=""

# Stops whatever this script started, by pid: the simulator with SIGTERM (so it writes its truth log),
# a client still running with SIGINT (so it writes its summary), then SIGKILL after a bound.
cleanup() {
    local pid
    for pid in "$CLIENT_PID" "$SIM_PID"; do
        [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || continue
        if [[ "$pid" == "$CLIENT_PID" ]]; then kill -INT "$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[load-bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# Busy ticks of the whole machine (all cores), from the first line of /proc/stat.
busy_ticks() {
    local _cpu user nice system _idle _iowait irq softirq steal _rest
    read -r _cpu user nice system _idle _iowait irq softirq steal _rest </proc/stat
    echo $((user + nice + system + irq + softirq + steal))
}

now_ns() { echo "${EPOCHREALTIME/./}000"; }

# The processes sample_others must not count as disturbance (itself: $$ is always left out).
own_pids() { echo "${CLIENT_PID:-} ${SIM_PID:-} ${TIME_PID:-}"; }

build_binaries() {
    if [[ -z "${LOADBENCH_CLI:-}" ]]; then
        log "publishing src/LlmLoad.Cli (Release) to bench/.out/cli"
        dotnet publish "$ROOT/src/LlmLoad.Cli" -c Release -o "$OUT/cli" --nologo -v quiet -clp:NoSummary
    fi
    log "building bench/LlmLoad.LoadBench (Release) to bench/.out/analyzer"
    dotnet build "$BENCH/LlmLoad.LoadBench" -c Release -o "$OUT/analyzer" --nologo -v quiet -clp:NoSummary
}

# Sets the scenario's load shape: MODE CONCURRENCY RATE DURATION_S WARMUP_S.
shape_of() {
    RATE=""
    case "$1" in
        smoke) MODE=closed; CONCURRENCY=100; DURATION_S=10; WARMUP_S=2 ;;
        closed-1000) MODE=closed; CONCURRENCY=1000; DURATION_S=60; WARMUP_S=5 ;;
        open-200) MODE=open; RATE=200; CONCURRENCY=2000; DURATION_S=60; WARMUP_S=5 ;;
    esac
}

start_simulator() {
    local dir="$1"
    env "${SIMULATOR_ENV[@]}" "$CLI" simulate --port 0 --ttft-ms "$TTFT_MS" --itl-ms "$ITL_MS" --seed "$SIM_SEED" \
        --truth-log "$dir/truth.jsonl" >"$dir/simulator.out" 2>"$dir/simulator.err" &
    SIM_PID=$!
    await_listening "$dir"
}

# Sets SIM_EXIT. SIGTERM, not SIGKILL: the truth log is written when the simulator shuts down.
stop_simulator() {
    SIM_EXIT=0
    kill -TERM "$SIM_PID"
    for _ in $(seq 1 150); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$SIM_PID" 2>/dev/null; then
        log "simulator ignored SIGTERM for 30 s; killing it (truth log incomplete)"
        kill -KILL "$SIM_PID"
    fi
    wait "$SIM_PID" || SIM_EXIT=$?
    SIM_PID=""
}

run_scenario() {
    local name="$1" dir="$RESULTS/$1"
    shape_of "$name"
    mkdir -p "$dir"
    # Called as `run_scenario || rc=$?`, where bash ignores set -e: each step checks for itself.
    start_simulator "$dir" || return 2
    local client_args=(run --url "$SIM_URL/v1" --model sim --concurrency "$CONCURRENCY")
    [[ "$MODE" == open ]] && client_args+=(--rate "$RATE" --arrival constant)
    client_args+=(--duration "$((DURATION_S + WARMUP_S))s" --warmup "${WARMUP_S}s"
        --output-tokens "$OUTPUT_TOKENS" --input-tokens "$INPUT_TOKENS" --seed "$CLIENT_SEED"
        --grace "${GRACE_S}s" --out "$dir/run")
    log "$name: simulator pid $SIM_PID at $SIM_URL; client: llmload ${client_args[*]}"
    echo "${SIMULATOR_ENV[*]}${SIMULATOR_ENV[*]:+ }llmload simulate --port 0 --ttft-ms $TTFT_MS --itl-ms $ITL_MS --seed $SIM_SEED --truth-log $dir/truth.jsonl" >"$dir/commands.txt"
    echo "${CLIENT_ENV[*]}${CLIENT_ENV[*]:+ }llmload ${client_args[*]}" >>"$dir/commands.txt"

    local sim_start busy_start wall_start
    OTHER_SEEN=()
    OTHER_TICKS=0
    sample_others              # baseline: processes already running count from now on
    sim_start=$(cpu_ticks "$SIM_PID")
    busy_start=$(busy_ticks)
    wall_start=$(now_ns)
    /usr/bin/time -v -o "$dir/client.time" env "${CLIENT_ENV[@]}" "$CLI" "${client_args[@]}" >"$dir/client.out" 2>"$dir/client.err" &
    TIME_PID=$!
    for _ in $(seq 1 100); do
        CLIENT_PID=$(cat "/proc/$TIME_PID/task/$TIME_PID/children" 2>/dev/null || true)
        CLIENT_PID="${CLIENT_PID%% *}"
        [[ -n "$CLIENT_PID" ]] && break
        sleep 0.05
    done

    # Once a second: CPU of client, simulator and machine, and the client's memory, for the diagnosis of a miss.
    local deadline=$((DURATION_S + WARMUP_S + GRACE_S + SLACK_S)) mid=$((WARMUP_S + DURATION_S / 2))
    local t=0 hwm=0 kb client_ticks sim_ticks busy top_taken=0 start_us="${EPOCHREALTIME/./}"
    printf 't_s\tclient_cpu_ticks\tsim_cpu_ticks\tmachine_busy_ticks\tother_processes_ticks\tclient_rss_kb\tclient_hwm_kb\tclient_threads\n' >"$dir/cpu.tsv"
    while kill -0 "$TIME_PID" 2>/dev/null; do
        if [[ -n "$CLIENT_PID" ]]; then
            kb=$(status_kb "$CLIENT_PID" VmHWM)
            ((kb > hwm)) && hwm=$kb
            client_ticks=$(cpu_ticks "$CLIENT_PID")
            sim_ticks=$(cpu_ticks "$SIM_PID")
            busy=$(busy_ticks)
            sample_others count
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$client_ticks" "$sim_ticks" "$busy" "$OTHER_TICKS" \
                "$(status_kb "$CLIENT_PID" VmRSS)" "$kb" "$(status_kb "$CLIENT_PID" Threads)" >>"$dir/cpu.tsv"
            if ((t >= mid && !top_taken)); then
                top -b -n 1 -H -w 200 -p "$CLIENT_PID,$SIM_PID" 2>/dev/null | head -n 45 >"$dir/top-mid.txt" || true
                # Who else is using the machine: a disturbed run shows its culprit here.
                top -b -n 1 -c -w 250 2>/dev/null | head -n 20 >"$dir/top-machine-mid.txt" || true
                top_taken=1
            fi
        fi
        if ((t > deadline + 30)); then
            log "$name: client ignored SIGINT for 30 s; killing it"
            kill -KILL "$CLIENT_PID" 2>/dev/null || true
        elif ((t > deadline)); then
            log "$name: client still running after ${deadline} s; interrupting it"
            kill -INT "$CLIENT_PID" 2>/dev/null || true
        fi
        sleep 1
        t=$(((${EPOCHREALTIME/./} - start_us) / 1000000))
    done
    local client_exit=0
    wait "$TIME_PID" || client_exit=$?
    sample_others count
    TIME_PID=""
    CLIENT_PID=""
    local sim_end busy_end wall_end
    sim_end=$(cpu_ticks "$SIM_PID")
    busy_end=$(busy_ticks)
    wall_end=$(now_ns)
    stop_simulator
    log "$name: client exit $client_exit, simulator exit $SIM_EXIT"

    cat >"$dir/params.txt" <<EOF
scenario=$name
mode=$MODE
concurrency=$CONCURRENCY
rate=$RATE
ttft_ms=$TTFT_MS
itl_ms=$ITL_MS
output_tokens=$OUTPUT_TOKENS
input_tokens=$INPUT_TOKENS
duration_s=$DURATION_S
warmup_s=$WARMUP_S
client_exit=$client_exit
simulator_exit=$SIM_EXIT
clk_tck=$CLK_TCK
client_hwm_kb_polled=$hwm
sim_ticks_start=$sim_start
sim_ticks_end=$sim_end
busy_ticks_start=$busy_start
busy_ticks_end=$busy_end
other_ticks=$OTHER_TICKS
wall_ns_start=$wall_start
wall_ns_end=$wall_end
EOF
    if [[ ! -f "$dir/run/summary.json" ]]; then
        log "$name: the client wrote no summary.json; see $dir/client.err"
        return 2
    fi

    local rc=0
    "$ANALYZER" "$dir" >"$dir/table.txt" || rc=$?
    cat "$dir/table.txt"
    return "$rc"
}

if ((build)); then
    build_binaries
fi
[[ -x "$CLI" && -x "$ANALYZER" ]] || { log "binaries missing under bench/.out; run without --no-build"; exit 2; }

RESULTS="$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
{
    echo "command: bench/load-bench.sh ${scenarios[*]}"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown) ($(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) uncommitted paths)"
    echo "machine: $(nproc) cores, $(uname -sr), dotnet $(dotnet --version)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "runtime environment: $(env | grep -E '^(DOTNET|COMPlus)_' | sort | tr '\n' ' ' || true)"
    echo "client only: ${LOADBENCH_CLIENT_ENV:-}; simulator only: ${LOADBENCH_SIMULATOR_ENV:-}"
    echo "llmload binary: $CLI"
} >"$RESULTS/env.txt"
log "results in ${RESULTS#"$ROOT"/}"

status=0
for name in "${scenarios[@]}"; do
    rc=0
    run_scenario "$name" || rc=$?
    case "$rc" in
        0) ;;
        4) ((status == 2)) || status=1 ;;
        *) status=2 ;;
    esac
    cat "$RESULTS/$name/table.txt" >>"$RESULTS/tables.txt" 2>/dev/null || true
    echo >>"$RESULTS/tables.txt"
done
log "tables saved to ${RESULTS#"$ROOT"/}/tables.txt"
exit "$status"
