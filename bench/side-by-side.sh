#!/usr/bin/env bash
# Side-by-side benchmark (issue 15 point 7): llmload, the article's DIY asyncio + aiohttp script and Locust
# load the same `llmload simulate --truth-log` with the same settings, one after the other in one run, and
# the analyzer (bench/LlmLoad.LoadBench, mode side-by-side) prints one table with a column per client.
# Ratios between the columns are what count on a shared machine. See bench/README.md, "Side by side".
#
#   bench/side-by-side.sh                         # c=200, 2000 requests per run (about 4 minutes, build included)
#   bench/side-by-side.sh --no-build --concurrency 200,1000 --requests 2000
#   LOADBENCH_PEERS=/path/to/peers bench/side-by-side.sh --clients llmload,diy
#
# LOADBENCH_PEERS: directory holding diy_asyncio.py and locustfile.py (default /work/shared/peers). They are
#   not copied into the repository (they carry no licence); a peer whose file or Python module is missing is
#   skipped with a note, and the table shows the clients that ran.
# LOADBENCH_CLI: another published LlmLoad.Cli to benchmark (no publish then).
# LOADBENCH_PYTHON: the interpreter for the peers (default /usr/bin/python3, Debian's, where the apt packages land).
#
# Installs nothing, except: when python3-aiohttp or python3-locust is missing and the script runs as root with
# apt-get available, it runs `apt-get install -y` for the missing one (LOADBENCH_NO_APT=1 turns that off).
#
# Exit code: 0 when every run completed, 2 on bad arguments or a broken run.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/side-by-side.sh [--no-build] [--concurrency C[,C...]] [--requests N] [--clients LIST] [--lengths A,B]
  --concurrency  closed-loop streams per run, comma-separated (default 200)
  --requests     requests per run, the same for every client and length (default 2000; best a multiple of C)
  --clients      any of llmload,diy,locust (default all three)
  --lengths      the two output lengths for the marginal CPU per chunk (default 16,64; the larger is the headline)
  --no-build     reuse the binaries already under bench/.out
Simulator: TTFT 200 ms, ITL 20 ms at the long length (stretched at the short one so that a request takes
as long: 84 ms for 16 tokens), no jitter; a fresh simulator (and truth log) for every client run.
Raw outputs go to bench/results/side-<UTC timestamp>/.
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
PEERS="${LOADBENCH_PEERS:-/work/shared/peers}"
PYTHON="${LOADBENCH_PYTHON:-/usr/bin/python3}"

TTFT_MS=200
ITL_MS=20
INPUT_TOKENS=32
SIM_SEED=1
CLIENT_SEED=1

build=1
concurrencies=(200)
requests=2000
clients=(llmload diy locust)
lengths=(16 64)
while (($#)); do
    case "$1" in
        --no-build) build=0 ;;
        --concurrency) IFS=, read -r -a concurrencies <<<"${2:?--concurrency needs a value}"; shift ;;
        --requests) requests="${2:?--requests needs a value}"; shift ;;
        --clients) IFS=, read -r -a clients <<<"${2:?--clients needs a value}"; shift ;;
        --lengths) IFS=, read -r -a lengths <<<"${2:?--lengths needs a value}"; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done
for n in "${concurrencies[@]}" "$requests" "${lengths[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "side-by-side: expected a positive whole number, got '$n'" >&2; exit 2; }
done
((${#lengths[@]} == 2 && lengths[0] != lengths[1] && lengths[0] > 1 && lengths[1] > 1)) || { echo "side-by-side: --lengths takes two different output lengths of at least 2 tokens, e.g. 16,64" >&2; exit 2; }
((lengths[0] < lengths[1])) || lengths=("${lengths[1]}" "${lengths[0]}")
for c in "${clients[@]}"; do
    [[ "$c" == llmload || "$c" == diy || "$c" == locust ]] || { echo "side-by-side: --clients: unknown client '$c'; expected llmload, diy or locust" >&2; exit 2; }
done

CLK_TCK=$(getconf CLK_TCK)
SIM_PID=""
TIME_PID=""
CLIENT_PID=""

log() { printf '[side-by-side %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
own_pids() { echo "${CLIENT_PID:-} ${SIM_PID:-} ${TIME_PID:-}"; }
now_ns() { echo "${EPOCHREALTIME/./}000"; }

# Stops what this script started, by pid: a client with SIGINT, the simulator with SIGTERM (it writes its
# truth log on shutdown), SIGKILL after a bound.
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

# Which peers can run: their file under $PEERS and their Python module. Sets SKIPPED[client]=reason.
declare -A SKIPPED=()
has_module() { [[ -x "$PYTHON" ]] && "$PYTHON" -c "import $1" >/dev/null 2>&1; }
check_peer() {
    local client="$1" file module package
    case "$client" in
        diy) file=diy_asyncio.py; module=aiohttp; package=python3-aiohttp ;;
        locust) file=locustfile.py; module=locust; package=python3-locust ;;
        *) return 0 ;;
    esac
    if [[ ! -f "$PEERS/$file" ]]; then
        SKIPPED[$client]="$PEERS/$file not found (set LOADBENCH_PEERS to the directory holding the peers)"
        return 0
    fi
    if ! has_module "$module"; then
        if [[ "$(id -u)" == 0 && -z "${LOADBENCH_NO_APT:-}" ]] && command -v apt-get >/dev/null; then
            log "$client: Python module $module missing for $PYTHON; running apt-get install -y $package (as root)"
            apt-get install -y "$package" >"$RESULTS/apt-$package.log" 2>&1 || true
        fi
        has_module "$module" || SKIPPED[$client]="Python module $module not importable by $PYTHON (Debian: apt-get install $package)"
    fi
    if [[ "$client" == locust && -z "${SKIPPED[$client]:-}" ]] && ! command -v locust >/dev/null; then
        SKIPPED[$client]="no locust command on PATH (Debian: apt-get install python3-locust)"
    fi
}

build_binaries() {
    if [[ -z "${LOADBENCH_CLI:-}" ]]; then
        log "publishing src/LlmLoad.Cli (Release) to bench/.out/cli"
        dotnet publish "$ROOT/src/LlmLoad.Cli" -c Release -o "$OUT/cli" --nologo -v quiet -clp:NoSummary
    fi
    log "building bench/LlmLoad.LoadBench (Release) to bench/.out/analyzer"
    dotnet build "$BENCH/LlmLoad.LoadBench" -c Release -o "$OUT/analyzer" --nologo -v quiet -clp:NoSummary
}

start_simulator() {
    local dir="$1"
    shift
    "$CLI" simulate --port 0 --seed "$SIM_SEED" --truth-log "$dir/truth.jsonl" "$@" >"$dir/simulator.out" 2>"$dir/simulator.err" &
    SIM_PID=$!
    echo "llmload simulate --port 0 --seed $SIM_SEED --truth-log $dir/truth.jsonl $*" >"$dir/commands.txt"
    await_listening "$dir"
}

stop_simulator() {
    SIM_EXIT=0
    kill -TERM "$SIM_PID"
    for _ in $(seq 1 150); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$SIM_PID" 2>/dev/null && { log "simulator ignored SIGTERM for 30 s; killing it"; kill -KILL "$SIM_PID"; }
    wait "$SIM_PID" || SIM_EXIT=$?
    SIM_PID=""
}

# One client run against a fresh simulator: CLIENT CONCURRENCY TOKENS STREAM(stream|buffered).
# Every run is bounded: the clients get a count and a wall-time cap of their own, and the script sends
# SIGINT (then SIGKILL 30 s later) to a client still alive after CAP_S.
run_one() {
    local client="$1" c="$2" tokens="$3" mode="$4"
    local dir="$RESULTS/c$c/$client-t$tokens${mode/stream/}"
    [[ "$mode" == buffered ]] && dir="$RESULTS/c$c/$client-t$tokens-buffered"
    mkdir -p "$dir"
    # The short run's ITL is stretched so that its requests take as long as the long run's (16 tokens at
    # 84 ms = 64 tokens at 20 ms = 1460 ms): both runs then last equally long with the same connections, and the
    # CPU difference is the extra chunks alone, not also the client's idle CPU over a longer run.
    local itl=$((ITL_MS * (lengths[1] - 1) / (tokens - 1)))
    local sim_args=(--ttft-ms "$TTFT_MS" --itl-ms "$itl")
    # Buffered runs measure the client's per-request cost, so the server answers at once.
    [[ "$mode" == buffered ]] && sim_args=(--profile instant)
    start_simulator "$dir" "${sim_args[@]}" || return 2

    local rounds=$(((requests + c - 1) / c))
    local ideal_s=$(((rounds * (TTFT_MS + (tokens - 1) * itl) + 999) / 1000))
    local cap_s=$((ideal_s * 3 + 30))
    local cmd
    case "$client" in
        llmload)
            cmd=("$CLI" run --url "$SIM_URL/v1" --model sim --concurrency "$c" --requests "$requests"
                --duration "${cap_s}s" --grace 10s --output-tokens "$tokens" --input-tokens "$INPUT_TOKENS"
                --seed "$CLIENT_SEED" --out "$dir/run")
            [[ "$mode" == buffered ]] && cmd+=(--no-stream)
            ;;
        diy)
            cmd=("$PYTHON" "$PEERS/diy_asyncio.py" --url "$SIM_URL/v1/chat/completions" --concurrency "$c"
                --requests "$requests" --max-tokens "$tokens" --duration "$cap_s" --timeout 60 --out "$dir/records.jsonl")
            ;;
        locust)
            # -r C: all users spawn within the first second, as the other clients start all their streams at once.
            cmd=(locust -f "$PEERS/locustfile.py" --headless -u "$c" -r "$c" -t "${cap_s}s" --host "$SIM_URL"
                --max-requests "$requests" --max-tokens "$tokens" --records-out "$dir/records.jsonl"
                --only-summary --stop-timeout 5 --loglevel WARNING)
            ;;
    esac
    echo "${cmd[*]}" >>"$dir/commands.txt"
    log "c=$c $client, $tokens tokens, $mode: ${cmd[*]}"

    OTHER_SEEN=()
    OTHER_TICKS=0
    sample_others
    local sim_start wall_start
    sim_start=$(cpu_ticks "$SIM_PID")
    wall_start=$(now_ns)
    /usr/bin/time -v -o "$dir/client.time" "${cmd[@]}" >"$dir/client.out" 2>"$dir/client.err" &
    TIME_PID=$!
    for _ in $(seq 1 100); do
        CLIENT_PID=$(cat "/proc/$TIME_PID/task/$TIME_PID/children" 2>/dev/null || true)
        CLIENT_PID="${CLIENT_PID%% *}"
        [[ -n "$CLIENT_PID" ]] && break
        sleep 0.05
    done
    local t=0 hwm=0 kb start_us="${EPOCHREALTIME/./}"
    while kill -0 "$TIME_PID" 2>/dev/null; do
        if [[ -n "$CLIENT_PID" ]]; then
            kb=$(status_kb "$CLIENT_PID" VmHWM)
            ((kb > hwm)) && hwm=$kb
            sample_others count
        fi
        if ((t > cap_s + 30)); then
            kill -KILL "$CLIENT_PID" 2>/dev/null || true
        elif ((t > cap_s)); then
            log "c=$c $client: still running after ${cap_s} s; interrupting it"
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
    local sim_end wall_end
    sim_end=$(cpu_ticks "$SIM_PID")
    wall_end=$(now_ns)
    stop_simulator
    log "c=$c $client: exit $client_exit, simulator exit $SIM_EXIT"
    cat >"$dir/params.txt" <<EOF
client=$client
concurrency=$c
requests=$requests
output_tokens=$tokens
stream=$([[ "$mode" == stream ]] && echo true || echo false)
ttft_ms=$([[ "$mode" == stream ]] && echo "$TTFT_MS" || echo 0)
itl_ms=$([[ "$mode" == stream ]] && echo "$itl" || echo 0)
client_exit=$client_exit
simulator_exit=$SIM_EXIT
clk_tck=$CLK_TCK
client_hwm_kb_polled=$hwm
sim_ticks_start=$sim_start
sim_ticks_end=$sim_end
busy_ticks_start=0
busy_ticks_end=0
other_ticks=$OTHER_TICKS
wall_ns_start=$wall_start
wall_ns_end=$wall_end
EOF
}

if ((build)); then
    build_binaries
fi
[[ -x "$CLI" && -x "$ANALYZER" ]] || { log "binaries missing under bench/.out; run without --no-build"; exit 2; }

RESULTS="$BENCH/results/side-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
for client in "${clients[@]}"; do check_peer "$client"; done
{
    echo "command: bench/side-by-side.sh --concurrency $(IFS=,; echo "${concurrencies[*]}") --requests $requests --clients $(IFS=,; echo "${clients[*]}") --lengths $(IFS=,; echo "${lengths[*]}")"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown) ($(git -C "$ROOT" status --porcelain 2>/dev/null | wc -l) uncommitted paths)"
    echo "machine: $(nproc) cores, $(uname -sr), dotnet $(dotnet --version 2>/dev/null || echo '?'), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "peers: $PEERS, python $("$PYTHON" --version 2>&1 || echo missing), Debian packages: $(dpkg-query -W -f='${Package} ${Version} ' python3-aiohttp python3-locust 2>/dev/null || echo 'n/a')"
    echo "llmload binary: $CLI"
} >"$RESULTS/env.txt"
for client in "${!SKIPPED[@]}"; do
    echo "skipped $client: ${SKIPPED[$client]}" | tee -a "$RESULTS/env.txt" >&2
done
log "results in ${RESULTS#"$ROOT"/}"

status=0
for c in "${concurrencies[@]}"; do
    for client in "${clients[@]}"; do
        [[ -n "${SKIPPED[$client]:-}" ]] && continue
        for tokens in "${lengths[@]}"; do
            run_one "$client" "$c" "$tokens" stream || status=2
        done
    done
    # Buffered (stream=false) responses: only llmload can ask for them; both peers stream only.
    if [[ " ${clients[*]} " == *" llmload "* ]]; then
        run_one llmload "$c" "${lengths[1]}" buffered || status=2
    fi
done

rc=0
"$ANALYZER" side-by-side "$RESULTS" >"$RESULTS/table.txt" || rc=$?
cat "$RESULTS/env.txt" "$RESULTS/table.txt"
((rc == 0)) || status=2
exit "$status"
