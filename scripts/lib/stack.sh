# shellcheck shell=bash
# A "stack": MariaDB, SMTP sink, bookfair-web, bookfair-mailer and nginx, all living in one directory.
#   var/            for scripts/up   (kind "up",   port 8080 unless BOOKFAIR_PORT says otherwise)
#   build/testenv/  for scripts/test (kind "test", free ports, database bookfair_test, a movable clock)
#
# Layout of a stack directory D:
#   stack.env          kind, ports and database name (read back by stack_use, e.g. in testenv-ctl)
#   bookfair.conf      the application's config (--config / BOOKFAIR_CONFIG)
#   mariadb.cnf        mysql-data/  mysql.sock  mariadb.pid
#   nginx.conf         nginx/ (prefix, temp dirs, nginx's own pid)
#   run/NAME.pid       pids we started (mariadb smtp web mailer indexer nginx), run/web.sock (FastCGI)
#   log/NAME.log       their output; the application logs here too
#   mail/  uploads/  ebooks/ (ebook files, served by nginx's internal /_ebooks/ only)  search/ (the search index)  secret.key  clock (test only)

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=scripts/lib/proc.sh
source "$(dirname "${BASH_SOURCE[0]}")/proc.sh"
# shellcheck source=scripts/lib/db.sh
source "$(dirname "${BASH_SOURCE[0]}")/db.sh"

# scripts/test --sanitize and --tsan build and test in build-asan/ and build-tsan/.
BUILD_DIR=${BUILD_DIR:-$REPO_ROOT/build}
BIN_ADMIN=$BUILD_DIR/bookfair
BIN_WEB=$BUILD_DIR/bookfair-web
BIN_MAILER=$BUILD_DIR/bookfair-mailer
BIN_INDEXER=$BUILD_DIR/bookfair-indexer

# stack_use DIR: select the stack in DIR and read its stack.env when there is one.
stack_use() {
    mkdir -p "$1"
    STACK_DIR=$(cd "$1" && pwd)
    STACK_CONF=$STACK_DIR/bookfair.conf
    FCGI_SOCKET=$STACK_DIR/run/web.sock
    if [[ -r $STACK_DIR/stack.env ]]; then
        # shellcheck source=/dev/null
        source "$STACK_DIR/stack.env"
    fi
}

# stack_prepare DIR KIND HTTP_PORT SMTP_PORT DB_NAME: directories, secret and every config file.
# Keeps an existing data directory, mail and secret; rewrites the configs.
stack_prepare() {
    stack_use "$1"
    STACK_KIND=$2 HTTP_PORT=$3 SMTP_PORT=$4 DB_NAME=$5
    local sock=$STACK_DIR/mysql.sock
    ((${#sock} < 100)) || die "socket path too long for a unix socket: $sock"

    mkdir -p "$STACK_DIR"/{run,log,mail,uploads,ebooks,mysql-data} \
             "$STACK_DIR"/nginx/tmp/{client_body,proxy,fastcgi,uwsgi,scgi} "$STACK_DIR"/nginx/cache
    # nginx workers run as www-data: they must reach run/web.sock, uploads/ and static/.
    chmod 755 "$STACK_DIR" "$STACK_DIR/run" "$STACK_DIR/uploads" "$STACK_DIR/ebooks"

    cat >"$STACK_DIR/stack.env" <<EOF
STACK_KIND=$STACK_KIND
HTTP_PORT=$HTTP_PORT
SMTP_PORT=$SMTP_PORT
DB_NAME=$DB_NAME
EOF
    if [[ ! -s $STACK_DIR/secret.key ]]; then
        (umask 077 && head -c 64 /dev/urandom >"$STACK_DIR/secret.key")
    fi
    chmod 600 "$STACK_DIR/secret.key"
    if [[ $STACK_KIND == test && ! -e $STACK_DIR/clock ]]; then
        echo 0 >"$STACK_DIR/clock"
    fi

    db_write_config
    stack_write_app_config
    stack_render_nginx
}

stack_url() { printf 'http://%s:%s' "${STACK_ADDR:-127.0.0.1}" "$HTTP_PORT"; }

stack_write_app_config() {
    local d=$STACK_DIR clock='' mail_tuning='' flush='' signups=''
    if [[ $STACK_KIND == test ]]; then
        clock="clock_file = $d/clock"
        # The browser tests all sign up from 127.0.0.1 (integration tests each speak for an address
        # of their own through X-Forwarded-For): room for them under the per-address sign-up limit.
        signups='signups_per_address_per_hour = 30'
        # Tests wait for counted page views to reach the database: flush them often there.
        flush='view_flush_ms = 100'
        # Tests: no rate limit (the rate test sets its own), short leases and retry delays.
        mail_tuning="mail_rate_per_minute = 0
mail_lease_seconds = 3
mail_backoff_seconds = 1
mail_backoff_max_seconds = 2
mail_poll_ms = 100
search_poll_ms = 50
search_batch = 100"
    fi
    cat >"$STACK_CONF" <<EOF
# Written by scripts/lib/stack.sh; rewritten on every start.
db_socket = $d/mysql.sock
db_name = $DB_NAME
db_user = root
db_password =
fcgi_socket = $FCGI_SOCKET
threads = 8
templates_dir = $REPO_ROOT/templates
static_dir = $REPO_ROOT/static
schema_dir = $REPO_ROOT/schema
uploads_dir = $d/uploads
ebooks_dir = $d/ebooks
secret_file = $d/secret.key
$clock
$flush
base_url = $(stack_url)
smtp_url = smtp://${SMTP_ADDR:-127.0.0.1}:$SMTP_PORT
mail_from = Bookfair <no-reply@bookfair.test>
shop_address = Bookfair, 12 Paper Lane, Springfield IL 62701, USA
support_email = help@bookfair.test
mail_dir = $d/mail
log_dir = $d/log
search_index_dir = $d/search
$mail_tuning
$signups
EOF
}

# nginx_user: www-data as in production, unless www-data cannot reach the files (a checkout
# under /root, say); then the workers of this private nginx run as root.
nginx_user() {
    if runuser -u www-data -- test -r "$REPO_ROOT/static/errors/50x.html" 2>/dev/null \
        && runuser -u www-data -- test -x "$STACK_DIR/run" 2>/dev/null; then
        echo www-data
    else
        warn "www-data cannot read $REPO_ROOT/static or $STACK_DIR/run; nginx workers will run as root"
        echo root
    fi
}

stack_render_nginx() {
    local out=$STACK_DIR/nginx.conf
    sed -e "s|@NGINX_USER@|$(nginx_user)|g" \
        -e "s|@PORT@|$HTTP_PORT|g" \
        -e "s|@LISTEN_ADDR@|${STACK_ADDR:-127.0.0.1}|g" \
        -e "s|@TRUSTED_PROXIES@|${TRUSTED_PROXIES:-127.0.0.1}|g" \
        -e "s|@STACK_DIR@|$STACK_DIR|g" \
        -e "s|@REPO_ROOT@|$REPO_ROOT|g" \
        -e "s|@FCGI_SOCKET@|$FCGI_SOCKET|g" \
        "$REPO_ROOT/nginx/bookfair.conf.in" >"$out"
    if grep -qE '@[A-Z_]+@' "$out"; then
        die "unrendered variables left in $out: $(grep -oE '@[A-Z_]+@' "$out" | sort -u | tr '\n' ' ')"
    fi
}

# ---- the application's admin tool ----

app_cli() { "$BIN_ADMIN" --config "$STACK_CONF" "$@"; }

# app_has_command NAME: true when `bookfair help` lists NAME.
app_has_command() {
    local help
    help=$("$BIN_ADMIN" help 2>&1 || true)
    grep -qw -- "$1" <<<"$help"
}

app_migrate() {
    say "Migrating database $DB_NAME"
    app_cli migrate >>"$STACK_DIR/log/admin.log" 2>&1 \
        || { tail_logs "$STACK_DIR/log/admin.log"; die "bookfair migrate failed"; }
}

# ---- services (each: NAME_start waits until it is ready, NAME_stop is quiet when it is not running) ----

smtp_start() {
    proc_running smtp && return 0
    ! port_open "$SMTP_PORT" || die "port $SMTP_PORT is already in use (SMTP sink)"
    proc_start smtp "$SYSTEM_PYTHON" "$REPO_ROOT/scripts/smtp-sink" --host "${STACK_ADDR:-127.0.0.1}" \
        --port "$SMTP_PORT" --dir "$STACK_DIR/mail"
    proc_expect_up smtp 15 port_open "$SMTP_PORT"
}
smtp_stop() { proc_stop smtp 10; }

# web_socket_ready: the worker has created its socket and opened it to nginx's www-data workers.
web_socket_ready() { [[ -S $FCGI_SOCKET && $(stat -c %A "$FCGI_SOCKET" 2>/dev/null) == ????????w? ]]; }

web_start() {
    [[ -x $BIN_WEB ]] || die "$BIN_WEB is not built"
    proc_running web && return 0
    rm -f "$FCGI_SOCKET"    # left behind by a killed worker
    proc_start web "$BIN_WEB" --config "$STACK_CONF"
    proc_expect_up web 30 web_socket_ready
}
web_stop() { proc_stop web 20; }

mailer_built() { [[ -x $BIN_MAILER ]]; }

mailer_start() {
    mailer_built || return 0
    proc_running mailer && return 0
    proc_start mailer "$BIN_MAILER" --config "$STACK_CONF"
}
mailer_stop() { proc_stop mailer 20; }

# The search index's writer (builds the index when there is none, then follows the change log).
indexer_start() {
    [[ -x $BIN_INDEXER ]] || return 0
    proc_running indexer && return 0
    proc_start indexer "$BIN_INDEXER" --config "$STACK_CONF"
}
indexer_stop() { proc_stop indexer 20; }

nginx_start() {
    proc_running nginx && return 0
    ! port_open "$HTTP_PORT" || die "port $HTTP_PORT is already in use (nginx)"
    local errlog=$STACK_DIR/log/nginx-error.log
    in_netns /usr/sbin/nginx -t -q -e "$errlog" -p "$STACK_DIR/nginx/" -c "$STACK_DIR/nginx.conf" \
        || { tail_logs "$errlog"; die "nginx config test failed: $STACK_DIR/nginx.conf"; }
    proc_start nginx /usr/sbin/nginx -e "$errlog" -p "$STACK_DIR/nginx/" -c "$STACK_DIR/nginx.conf"
    proc_expect_up nginx 15 port_open "$HTTP_PORT" || { tail_logs "$errlog"; return 1; }
}
nginx_stop() { proc_stop nginx 15; }

# stack_start_services: everything after the database, in dependency order.
stack_start_services() {
    smtp_start
    web_start
    mailer_start
    indexer_start
    nginx_start
}

stack_wait_healthy() {
    wait_for_http "$(stack_url)/healthz" 30 \
        "$(proc_log web)" "$STACK_DIR/log/nginx-error.log" "$STACK_DIR/log/mariadb.log"
}

# stack_stop_all: stop whatever of the selected stack is running, front to back.
stack_stop_all() {
    [[ -d ${STACK_DIR:-}/run ]] || return 0
    nginx_stop
    indexer_stop
    mailer_stop
    web_stop
    smtp_stop
    db_stop
    stack_unmount
}

# A test may mount a small file system inside the stack (a full uploads disk): one left behind by a
# killed test is unmounted, so the stack's folder can be wiped.
stack_unmount() {
    local mountpoint
    while read -r _ mountpoint _; do
        [[ $mountpoint == "$STACK_DIR"/* ]] && umount "$mountpoint" 2>/dev/null || true
    done </proc/mounts
}
