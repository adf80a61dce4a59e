# shellcheck shell=bash
# Background processes of a stack, each kept running by scripts/supervise (started with nohup): the
# server's pid is in $STACK_DIR/run/NAME.pid (rewritten by the supervisor at each restart), the
# supervisor's in run/NAME.supervisor.pid, and both write to $STACK_DIR/log/NAME.log. Every command
# line we start names $STACK_DIR (its config, data or mail directory lives there), which is how a
# recorded pid is told from a reused one.

proc_pidfile()     { printf '%s/run/%s.pid' "$STACK_DIR" "$1"; }
proc_supervisor()  { printf '%s/run/%s.supervisor.pid' "$STACK_DIR" "$1"; }
proc_log()         { printf '%s/log/%s.log' "$STACK_DIR" "$1"; }

# in_netns COMMAND...: run COMMAND in PROC_NETNS when one is selected (a cluster host), else here.
in_netns() {
    if [[ -n ${PROC_NETNS:-} ]]; then ip netns exec "$PROC_NETNS" "$@"; else "$@"; fi
}

# proc_start NAME /abs/command ARGS...: start under a supervisor; return once the server has started.
# With PROC_NETNS set, the server runs inside that network namespace (scripts/cluster's hosts).
proc_start() {
    local name=$1; shift
    local netns=()
    [[ -z ${PROC_NETNS:-} ]] || netns=(ip netns exec "$PROC_NETNS")
    rm -f "$(proc_pidfile "$name")"
    nohup "$REPO_ROOT/scripts/supervise" "$(proc_pidfile "$name")" -- "${netns[@]}" "$@" </dev/null >>"$(proc_log "$name")" 2>&1 &
    local pid=$!
    echo "$pid" >"$(proc_supervisor "$name")"
    disown "$pid"    # no "Killed" notices from this shell when a test stops it
    # Return once the supervisor has started the server, so that proc_pid recognises it from now on.
    wait_until 5 eval "[[ -s $(proc_pidfile "$name") ]] || proc_gone $pid" || true
    local child
    read -r child <"$(proc_pidfile "$name")" 2>/dev/null && wait_until 5 proc_execd "$child" || true
}

# proc_supervisor_pid NAME: the supervisor's pid while it runs (and really is ours).
proc_supervisor_pid() { proc_pid_in "$(proc_supervisor "$1")"; }

# proc_execd PID: true once PID runs its command (no longer a copy of this shell, nor nohup), or is gone.
proc_execd() {
    local cmdline
    proc_alive "$1" || return 0
    cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
    [[ -n $cmdline && $cmdline != "nohup "* && $cmdline != "$(tr '\0' ' ' <"/proc/$$/cmdline")" ]]
}

# proc_pid NAME: print the server's pid if NAME is running (and really is ours); fail otherwise.
proc_pid() { proc_pid_in "$(proc_pidfile "$1")"; }

# proc_pid_in PIDFILE: print the pid PIDFILE names while that process lives and names our stack.
proc_pid_in() {
    local pidfile=$1 pid
    [[ -r $pidfile ]] || return 1
    read -r pid <"$pidfile" || return 1
    [[ $pid =~ ^[0-9]+$ ]] && proc_alive "$pid" || return 1
    # The process must still be the one we started: its command line names the stack directory.
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$STACK_DIR"* ]] || return 1
    echo "$pid"
}

# proc_running NAME: the server runs, or its supervisor does (and is about to start it again).
proc_running() { proc_pid "$1" >/dev/null || proc_supervisor_pid "$1" >/dev/null; }

# proc_alive PID: true while PID exists and is not a zombie.
proc_alive() {
    local state
    state=$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null) || return 1
    [[ -n $state && $state != Z ]]
}

proc_gone() { ! proc_alive "$1"; }

# proc_stop NAME [SECONDS]: SIGTERM to the supervisor (which passes it on and waits for the server),
# wait until both are gone, SIGKILL after SECONDS (default 15). Does nothing when NAME is not running.
proc_stop() {
    local name=$1 timeout=${2:-15} pid supervisor
    supervisor=$(proc_supervisor_pid "$name") || supervisor=''
    pid=$(proc_pid "$name") || pid=''
    if [[ -n $supervisor ]]; then
        kill -TERM "$supervisor" 2>/dev/null || true
    elif [[ -n $pid ]]; then
        kill -TERM "$pid" 2>/dev/null || true
    fi
    local p
    for p in $supervisor $pid; do
        if ! wait_until "$timeout" proc_gone "$p"; then
            warn "$name (pid $p) ignored SIGTERM for ${timeout} s; sending SIGKILL"
            kill -KILL "$p" 2>/dev/null || true
            wait_until 5 proc_gone "$p" || warn "$name (pid $p) is still there"
        fi
    done
    rm -f "$(proc_pidfile "$name")" "$(proc_supervisor "$name")"
}

# proc_kill9 NAME: SIGKILL the server at once (a crash, for tests) and wait until it is gone. Its
# supervisor starts it again.
proc_kill9() {
    local name=$1 pid
    if pid=$(proc_pid "$name"); then
        kill -KILL "$pid" 2>/dev/null || true
        wait_until 5 proc_gone "$pid" || warn "$name (pid $pid) is still there"
    fi
}

# proc_expect_up NAME SECONDS CHECK...: wait until CHECK succeeds; fail early with the log if NAME dies.
proc_expect_up() {
    local name=$1 timeout=$2; shift 2
    local deadline=$((SECONDS + timeout)) pid
    read -r pid <"$(proc_supervisor "$name")"
    until "$@"; do
        if ! proc_alive "$pid"; then    # the supervisor gives up when the server keeps failing to start
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
