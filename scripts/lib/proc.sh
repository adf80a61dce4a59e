# shellcheck shell=bash
# Background processes of a stack: started with nohup, pid in $STACK_DIR/run/NAME.pid,
# output in $STACK_DIR/log/NAME.log. Every command line we start names $STACK_DIR (its config,
# data or mail directory lives there), which is how a recorded pid is told from a reused one.

proc_pidfile() { printf '%s/run/%s.pid' "$STACK_DIR" "$1"; }
proc_log()     { printf '%s/log/%s.log' "$STACK_DIR" "$1"; }

# proc_start NAME /abs/command ARGS...: start in the background and record its pid.
proc_start() {
    local name=$1; shift
    nohup "$@" </dev/null >>"$(proc_log "$name")" 2>&1 &
    local pid=$!
    echo "$pid" >"$(proc_pidfile "$name")"
    disown "$pid"    # no "Killed" notices from this shell when a test stops it
    # Return once nohup has become the command, so that proc_pid recognises it from now on.
    wait_until 5 proc_execd "$pid" || true
}

# proc_execd PID: true once PID runs its command (no longer a copy of this shell, nor nohup), or is gone.
proc_execd() {
    local cmdline
    proc_alive "$1" || return 0
    cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ -n $cmdline && $cmdline != "nohup "* && $cmdline != "$(tr '\0' ' ' <"/proc/$$/cmdline")" ]]
}

# proc_pid NAME: print the pid if NAME is running (and really is ours); fail otherwise.
proc_pid() {
    local pidfile pid
    pidfile=$(proc_pidfile "$1")
    [[ -r $pidfile ]] || return 1
    read -r pid <"$pidfile" || return 1
    [[ $pid =~ ^[0-9]+$ ]] && proc_alive "$pid" || return 1
    # The process must still be the one we started: its command line names the stack directory.
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$STACK_DIR"* ]] || return 1
    echo "$pid"
}

proc_running() { proc_pid "$1" >/dev/null; }

# proc_alive PID: true while PID exists and is not a zombie.
proc_alive() {
    local state
    state=$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 1
    [[ -n $state && $state != Z ]]
}

proc_gone() { ! proc_alive "$1"; }

# proc_stop NAME [SECONDS]: SIGTERM, wait until gone, SIGKILL after SECONDS (default 15).
# Does nothing when NAME is not running.
proc_stop() {
    local name=$1 timeout=${2:-15} pid
    if pid=$(proc_pid "$name"); then
        kill -TERM "$pid" 2>/dev/null || true
        if ! wait_until "$timeout" proc_gone "$pid"; then
            warn "$name (pid $pid) ignored SIGTERM for ${timeout} s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            wait_until 5 proc_gone "$pid" || warn "$name (pid $pid) is still there"
        fi
    fi
    rm -f "$(proc_pidfile "$name")"
}

# proc_kill9 NAME: SIGKILL at once (a crash, for tests), and wait until it is gone.
proc_kill9() {
    local name=$1 pid
    if pid=$(proc_pid "$name"); then
        kill -KILL "$pid" 2>/dev/null || true
        wait_until 5 proc_gone "$pid" || warn "$name (pid $pid) is still there"
    fi
    rm -f "$(proc_pidfile "$name")"
}

# proc_expect_up NAME SECONDS CHECK...: wait until CHECK succeeds; fail early with the log if NAME dies.
proc_expect_up() {
    local name=$1 timeout=$2; shift 2
    local deadline=$((SECONDS + timeout)) pid
    read -r pid <"$(proc_pidfile "$name")"
    until "$@"; do
        if ! proc_alive "$pid"; then
            printf 'error: %s exited during start-up\n' "$name" >&2
            tail_logs "$(proc_log "$name")"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            printf 'error: %s not ready after %s s\n' "$name" "$timeout" >&2
            tail_logs "$(proc_log "$name")"
            return 1
        fi
        sleep 0.1
    done
}
