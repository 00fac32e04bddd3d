# Shared by the benchmark scripts (sourced): CPU and memory figures read from /proc.
# The sourcing script defines own_pids(), the processes it measures itself.

# utime + stime of a process in clock ticks (0 once it is gone).
cpu_ticks() {
    local f
    if read -r -a f 2>/dev/null <"/proc/$1/stat"; then echo $((f[13] + f[14])); else echo 0; fi
}

# One field (kB) of /proc/PID/status, 0 once the process is gone.
status_kb() {
    local key value _unit
    { while read -r key value _unit; do
        [[ "$key" == "$2:" ]] && { echo "$value"; return; }
    done <"/proc/$1/status"; } 2>/dev/null || true
    echo 0
}

# CPU of every other process (all but own_pids and this script), summed into OTHER_TICKS: the disturbance
# from builds and tests next to the benchmark. /proc/stat alone cannot say it: on this kind of VM its tick
# sampling undercounts bursty threads, so "machine busy - measured processes" comes out too low or negative.
# Processes that start and end between two samples are missed. With an argument it adds what each process
# used since the last call; without, it only takes a baseline. Call it directly (not in $(...)): it keeps
# state in OTHER_SEEN.
declare -A OTHER_SEEN=()
OTHER_TICKS=0
sample_others() {
    local stat pid line ticks f own
    own=" $$ $(own_pids) "
    for stat in /proc/[0-9]*/stat; do
        pid="${stat#/proc/}"
        pid="${pid%/stat}"
        [[ "$own" == *" $pid "* ]] && continue
        { read -r line <"$stat"; } 2>/dev/null || continue
        read -r -a f <<<"${line##*) }"   # fields after "(comm) ", which may hold spaces: utime is f[11], stime f[12]
        ticks=$((f[11] + f[12]))
        if [[ -n "${1:-}" ]]; then
            OTHER_TICKS=$((OTHER_TICKS + ticks - ${OTHER_SEEN[$pid]:-0}))
        fi
        OTHER_SEEN[$pid]=$ticks
    done
}
