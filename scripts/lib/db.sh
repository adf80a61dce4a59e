# shellcheck shell=bash
# A private MariaDB server for a stack: data, socket, pid and log all under $STACK_DIR.
# Needs common.sh, proc.sh and the stack variables (STACK_DIR, STACK_KIND).

db_cnf() { printf '%s/mariadb.cnf' "$STACK_DIR"; }

# db_write_config: $STACK_DIR/mariadb.cnf. The test stack trades durability for speed.
# A cluster's Galera node (scripts/lib/cluster.sh) sets DB_NETWORKING (its bind-address instead of
# skip-networking) and DB_EXTRA_CNF (the wsrep settings).
db_write_config() {
    local d=$STACK_DIR durability=''
    if [[ $STACK_KIND == test ]]; then
        durability='innodb_flush_log_at_trx_commit = 2'
    fi
    cat >"$(db_cnf)" <<EOF
# Written by scripts/lib/db.sh; rewritten on every start.
[mysqld]
user = root
datadir = $d/mysql-data
socket = $d/mysql.sock
pid-file = $d/mariadb.pid
log-error = $d/log/mariadb.log
${DB_NETWORKING:-skip-networking}
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci
max_connections = 500
innodb_buffer_pool_size = ${BOOKFAIR_DB_BUFFER_POOL:-256M}
# Full-text search: two-letter words count ("AI", "Oz"), and no word is a stopword ("The Road").
innodb_ft_min_token_size = 2
innodb_ft_enable_stopword = 0
$durability
${DB_EXTRA_CNF:-}

[client]
socket = $d/mysql.sock
EOF
}

# --defaults-file must come first, or /etc/mysql is read as well.
db_ping()  { mariadb-admin --defaults-file="$(db_cnf)" ping >/dev/null 2>&1; }
db_query() { mariadb --defaults-file="$(db_cnf)" --batch --skip-column-names -e "$1"; }

# db_init: create the system tables, only when the data directory has none yet.
db_init() {
    local datadir=$STACK_DIR/mysql-data
    [[ -d $datadir/mysql ]] && return 0
    mkdir -p "$datadir"
    say "Initialising MariaDB data in $datadir"
    mariadb-install-db --defaults-file="$(db_cnf)" \
        --auth-root-authentication-method=socket --skip-test-db \
        >"$STACK_DIR/log/mariadb-install.log" 2>&1 \
        || { tail_logs "$STACK_DIR/log/mariadb-install.log"; die "mariadb-install-db failed"; }
}

# db_start: initialise if needed, start mariadbd, and return once it answers ping.
db_start() {
    db_init
    if proc_running mariadb; then
        db_ping && return 0
    else
        # A Galera node starts through scripts/galera-node (DB_SERVER), which recovers its position first.
        proc_start mariadb "${DB_SERVER:-$(command -v mariadbd)}" --defaults-file="$(db_cnf)"
    fi
    proc_expect_up mariadb 60 db_ping || { tail_logs "$STACK_DIR/log/mariadb.log"; return 1; }
}

# db_stop: SIGTERM (a clean InnoDB shutdown) and wait until the process is gone.
db_stop() {
    proc_stop mariadb 60
}
