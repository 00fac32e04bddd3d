# Sourced by the bench scripts: waiting for a simulator started in the background to listen.
# The caller has started `llmload simulate --port 0 ... >"$dir/simulator.out" 2>"$dir/simulator.err" &`,
# set SIM_PID, and defines log().

# Sets SIM_URL from the simulator's first line, "listening on URL"; returns 1 (after logging why) when it
# exits first or says nothing within 30 s.
await_listening() {
    local dir="$1" line=""
    for _ in $(seq 1 300); do
        line=$(head -n 1 "$dir/simulator.out" 2>/dev/null || true)
        [[ "$line" == "listening on "* ]] && break
        kill -0 "$SIM_PID" 2>/dev/null || { log "simulator exited at start-up: $(cat "$dir/simulator.err")"; return 1; }
        sleep 0.1
    done
    [[ "$line" == "listening on "* ]] || { log "simulator did not say 'listening on' within 30 s"; return 1; }
    SIM_URL="${line#listening on }"
}
