# shellcheck shell=bash
# Shared helpers for the scripts in scripts/: messages, polling with a deadline, ports, HTTP checks.
# Source it; it sets REPO_ROOT to the absolute path of the repository.

# shellcheck disable=SC2034  # used by the scripts that source this file
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Debian's python3, never a pyenv shim: only it sees python3-aiosmtpd.
SYSTEM_PYTHON=/usr/bin/python3

say()  { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# tail_logs FILE...: the last lines of each log that exists, to explain a failure.
tail_logs() {
    local f
    for f in "$@"; do
        [[ -s $f ]] || continue
        printf -- '--- last lines of %s ---\n' "$f" >&2
        tail -n 30 "$f" >&2
    done
}

# wait_until SECONDS COMMAND...: run COMMAND every 0.1 s until it succeeds; fail once SECONDS have passed.
wait_until() {
    local timeout=$1; shift
    local deadline=$((SECONDS + timeout))
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
    "$SYSTEM_PYTHON" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# port_open PORT: true when something accepts connections on STACK_ADDR:PORT (127.0.0.1 unless a
# cluster host's own address is selected).
port_open() {
    (exec 3<>"/dev/tcp/${STACK_ADDR:-127.0.0.1}/$1") 2>/dev/null
}

# http_status URL: the status code of a GET (000 when nothing answers).
http_status() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true
}

http_ok() { [[ $(http_status "$1") == 200 ]]; }

# wait_for_http URL [SECONDS] [LOG...]: poll URL until it answers 200; on timeout show the logs and fail.
wait_for_http() {
    local url=$1 timeout=${2:-30}
    shift $(($# < 2 ? $# : 2))
    if ! wait_until "$timeout" http_ok "$url"; then
        printf 'error: %s did not answer 200 within %s s (last status %s)\n' \
            "$url" "$timeout" "$(http_status "$url")" >&2
        tail_logs "$@"
        return 1
    fi
}
