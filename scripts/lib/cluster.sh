# shellcheck shell=bash
# A Bookfair cluster on this one machine (scripts/cluster): every host in a network namespace of its
# own, joined by a bridge in the root namespace, each with its own address on 10.213.0.0/24.
#   db1 db2 db3   MariaDB Galera nodes (.11 .12 .13), db1 the first in the write order
#   web1 web2     bookfair-web + nginx (.21 .22), a mailer on each, web1 also the search indexer
#   lb            the front nginx (.30:80), upstream over web1 and web2
#   mail          the SMTP sink (.40:2525)
# The root namespace is 10.213.0.1 on the bridge: scripts, tests and benchmarks reach every host there.
# Each host is a stack directory under CLUSTER_DIR (run/, log/, its config) driven by the functions of
# stack.sh, proc.sh and db.sh, with PROC_NETNS and STACK_ADDR selecting its namespace and address.

# shellcheck source=scripts/lib/stack.sh
source "$(dirname "${BASH_SOURCE[0]}")/stack.sh"

CLUSTER_DIR=${CLUSTER_DIR:-$REPO_ROOT/var/cluster}
# The single-machine test stack's variables (exported by scripts/test) name another stack: a config key's
# BOOKFAIR_<KEY> overrides the hosts' own config (BOOKFAIR_MAIL_DIR once sent the cluster's tests to the
# test stack's mail), so nothing started from here sees them. Tests run on the cluster get its own.
unset BOOKFAIR_CONFIG BOOKFAIR_TEST_URL BOOKFAIR_TEST_ENV BOOKFAIR_TEST_CTL BOOKFAIR_MAIL_DIR
# Which CLUSTER_DIR the machine's one cluster belongs to while its network is up (scripts/test asks).
CL_OWNER_FILE=/run/bookfair-cluster.dir
CL_NET=10.213.0
CL_BRIDGE=bfc-br
CL_PREFIX=bfc-
CL_DB_NODES=(db1 db2 db3)
CL_WEB_HOSTS=(web1 web2)
CL_DB_NAME=bookfair
CL_HTTP_PORT=80
CL_SMTP_PORT=2525
declare -A CL_ADDR=([db1]=$CL_NET.11 [db2]=$CL_NET.12 [db3]=$CL_NET.13
                    [web1]=$CL_NET.21 [web2]=$CL_NET.22 [lb]=$CL_NET.30 [mail]=$CL_NET.40)
CL_HOSTS=(db1 db2 db3 web1 web2 lb mail)

cl_ns() { printf '%s%s' "$CL_PREFIX" "$1"; }

# cl_select HOST: make HOST's stack directory, namespace and address the current ones.
cl_select() {
    stack_use "$CLUSTER_DIR/$1"
    PROC_NETNS=$(cl_ns "$1")
    STACK_ADDR=${CL_ADDR[$1]}
    STACK_KIND="test"
}

# cl_front_url: the shop as a visitor sees it.
cl_front_url() { printf 'http://%s' "${CL_ADDR[lb]}"; }

# ---- the network ----

cl_net_exists() { ip link show "$CL_BRIDGE" >/dev/null 2>&1; }

cl_net_up() {
    if ! cl_net_exists; then
        ip link add "$CL_BRIDGE" type bridge
        ip addr add "$CL_NET.1/24" dev "$CL_BRIDGE"
        ip link set "$CL_BRIDGE" up
    fi
    echo "$CLUSTER_DIR" >"$CL_OWNER_FILE"
    local host ns
    for host in "${CL_HOSTS[@]}"; do
        ns=$(cl_ns "$host")
        ip netns list | grep -qw "$ns" && continue
        ip netns add "$ns"
        ip link add "$ns" type veth peer name eth0 netns "$ns"
        ip link set "$ns" master "$CL_BRIDGE" up
        ip -n "$ns" addr add "${CL_ADDR[$host]}/24" dev eth0
        ip -n "$ns" link set lo up
        ip -n "$ns" link set eth0 up
    done
}

cl_net_down() {
    local host ns
    for host in "${CL_HOSTS[@]}"; do
        ns=$(cl_ns "$host")
        ip link del "$ns" 2>/dev/null || true
        ip netns del "$ns" 2>/dev/null || true
    done
    ip link del "$CL_BRIDGE" 2>/dev/null || true
    rm -f "$CL_OWNER_FILE"
}

# cl_processes_left: whether any process still lives in one of the cluster's namespaces.
cl_processes_left() {
    local host
    for host in "${CL_HOSTS[@]}"; do
        [[ -z $(ip netns pids "$(cl_ns "$host")" 2>/dev/null) ]] || return 0
    done
    return 1
}

# cl_link HOST up|down: plug HOST's network cable in or pull it (inside its namespace).
cl_link() { ip -n "$(cl_ns "$1")" link set eth0 "$2"; }

# ---- the Galera nodes ----

cl_gcomm() {
    local n list=''
    for n in "${CL_DB_NODES[@]}"; do list+=${list:+,}${CL_ADDR[$n]}; done
    printf 'gcomm://%s' "$list"
}

# cl_db_prepare NODE: directories and mariadb.cnf with the wsrep settings. Small on purpose: three
# nodes share two cores and little memory with everything else.
cl_db_prepare() {
    local node=$1
    cl_select "$node"
    mkdir -p "$STACK_DIR"/{run,log,mysql-data}
    local a=${CL_ADDR[$node]}
    DB_NETWORKING="bind-address = $a
port = 3306
skip-name-resolve" \
    BOOKFAIR_DB_BUFFER_POOL=48M \
    DB_EXTRA_CNF="performance_schema = OFF
innodb_log_file_size = 32M
binlog_format = ROW
default_storage_engine = InnoDB
innodb_autoinc_lock_mode = 2
# The migrations create triggers as the application's user (no SUPER); wsrep logs row events.
log_bin_trust_function_creators = 1
wsrep_on = ON
wsrep_provider = /usr/lib/galera/libgalera_smm.so
wsrep_cluster_name = bookfair
wsrep_cluster_address = $(cl_gcomm)
wsrep_node_name = $node
wsrep_node_address = $a
wsrep_sst_receive_address = $a:4444
wsrep_sst_method = mariabackup
wsrep_sst_auth = root:
wsrep_slave_threads = 2
wsrep_provider_options = \"gcache.size=64M; gmcast.listen_addr=tcp://$a:4567; ist.recv_addr=$a:4568; evs.suspect_timeout=PT3S; evs.inactive_timeout=PT6S; evs.install_timeout=PT6S\"" \
        db_write_config
}

# cl_db_status NODE VARIABLE: one wsrep status value of NODE (through its unix socket).
cl_db_status() {
    cl_select "$1"
    db_query "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | awk '{print $2}'
}

# cl_db_synced NODE: the node is in the primary component, synced and ready for clients.
cl_db_synced() {
    [[ $(cl_db_status "$1" wsrep_local_state_comment) == Synced && $(cl_db_status "$1" wsrep_ready) == ON ]]
}

cl_cluster_size() { cl_db_status "$1" wsrep_cluster_size; }

# cl_db_start NODE: start the node (bootstrapping when NODE/bootstrap exists) and wait until it is synced.
cl_db_start() {
    local node=$1
    cl_select "$node"
    DB_SERVER=$REPO_ROOT/scripts/galera-node db_start || return 1
    wait_until 180 cl_db_synced "$node" \
        || { cl_select "$node"; tail_logs "$STACK_DIR/log/mariadb.log"; die "$node did not reach Synced"; }
}

# cl_db_stop NODE: stop the node, then any state-transfer helper it left (a joiner stopped mid-transfer
# leaves wsrep_sst_mariabackup waiting on its port): each names the node's data directory.
cl_db_stop() {
    cl_select "$1"
    db_stop
    local pids='' pid cmdline
    for pid in /proc/[0-9]*; do    # no pgrep: procps is not on a minimal Debian
        cmdline=$(tr '\0' ' ' 2>/dev/null <"$pid/cmdline") || continue
        [[ $cmdline != *"$STACK_DIR/mysql-data"* ]] || pids+=" ${pid#/proc/}"
    done
    [[ -z $pids ]] || {
        warn "$1: stopping state-transfer helpers left behind:$pids"
        # shellcheck disable=SC2086  # one pid per word
        kill -TERM $pids 2>/dev/null || true
        for pid in $pids; do wait_until 5 proc_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true; done
    }
}

# cl_bootstrap_node: the node that must found the primary component when none runs: the one whose
# grastate.dat says it is safe to bootstrap (the last to stop), else db1 (a new cluster).
cl_bootstrap_node() {
    local n
    for n in "${CL_DB_NODES[@]}"; do
        if grep -qs '^safe_to_bootstrap: 1' "$CLUSTER_DIR/$n/mysql-data/grastate.dat"; then
            echo "$n"
            return
        fi
    done
    echo "${CL_DB_NODES[0]}"
}

# cl_db_password: the application's database password (made once, kept with the cluster, never in git).
cl_db_password() {
    local f=$CLUSTER_DIR/db-password
    [[ -s $f ]] || (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$f")
    cat "$f"
}

# cl_db_grant NODE: the database and the application's user, for any host of the cluster's network.
cl_db_grant() {
    cl_select "$1"
    db_query "CREATE DATABASE IF NOT EXISTS \`$CL_DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'bookfair'@'$CL_NET.%' IDENTIFIED BY '$(cl_db_password)';
GRANT ALL ON \`$CL_DB_NAME\`.* TO 'bookfair'@'$CL_NET.%';"
}

# cl_db_nodes_value: the db_nodes setting, in write order.
cl_db_nodes_value() {
    local n list=''
    for n in "${CL_DB_NODES[@]}"; do list+=${list:+, }${CL_ADDR[$n]}:3306; done
    printf '%s' "$list"
}

# cl_app_config_overrides: appended to each host's bookfair.conf (a later key wins).
cl_app_config_overrides() {
    cat <<EOF
# scripts/cluster: the Galera nodes, the shared clock and the front's address.
db_socket =
db_nodes = $(cl_db_nodes_value)
db_write_policy = ${BOOKFAIR_CLUSTER_POLICY:-ordered}
# A node whose cable is pulled never answers: a statement waits this long before its worker moves on.
db_io_timeout_seconds = 10
# A mailer's claim must outlast a failover (the timeout above, then a new node), or the other host's
# mailer takes the row again while the first one's sent mark waits: a message sent twice.
mail_lease_seconds = 30
db_user = bookfair
db_password = $(cl_db_password)
clock_file = $CLUSTER_DIR/clock
base_url = $(cl_front_url)
mail_dir = $CLUSTER_DIR/mail/mail
EOF
}

# ---- the web hosts ----

# cl_web_prepare HOST: a stack directory like scripts/up's, sharing the cluster's secret (CSRF tokens and
# flash messages signed on one host are read on the other), clock, uploads (covers: one directory both
# hosts write and serve; on real machines an NFS mount) and search index (written by web1's indexer
# alone, since an indexer consumes the change log it applies; read by both hosts' workers).
cl_web_prepare() {
    local host=$1 shared
    cl_select "$host"
    mkdir -p "$STACK_DIR" "$CLUSTER_DIR/shared/uploads" "$CLUSTER_DIR/shared/search"
    chmod 755 "$CLUSTER_DIR/shared" "$CLUSTER_DIR/shared/uploads"
    cp "$CLUSTER_DIR/secret.key" "$STACK_DIR/secret.key"
    for shared in uploads search; do
        [[ -L $STACK_DIR/$shared ]] && continue
        rm -rf "${STACK_DIR:?}/$shared"
        ln -s "$CLUSTER_DIR/shared/$shared" "$STACK_DIR/$shared"
    done
    SMTP_ADDR=${CL_ADDR[mail]} TRUSTED_PROXIES=$CL_NET.0/24 \
        stack_prepare "$STACK_DIR" test "$CL_HTTP_PORT" "$CL_SMTP_PORT" "$CL_DB_NAME"
    cl_app_config_overrides >>"$STACK_CONF"
}

cl_web_start() {
    cl_select "$1"
    web_start
    mailer_start
    [[ $1 != "${CL_WEB_HOSTS[0]}" ]] || indexer_start
    nginx_start
}

cl_web_stop() {
    cl_select "$1"
    nginx_stop
    indexer_stop
    mailer_stop
    web_stop
}

cl_web_healthy() { [[ $(http_status "http://${CL_ADDR[$1]}:$CL_HTTP_PORT/healthz") == 200 ]]; }

# ---- the front nginx ----

cl_lb_prepare() {
    cl_select lb
    mkdir -p "$STACK_DIR"/{run,log} "$STACK_DIR"/nginx/tmp/{client_body,proxy,fastcgi,uwsgi,scgi}
    sed -e "s|@STACK_DIR@|$STACK_DIR|g" \
        -e "s|@LISTEN@|${CL_ADDR[lb]}:$CL_HTTP_PORT|g" \
        -e "s|@WEB1@|${CL_ADDR[web1]}:$CL_HTTP_PORT|g" \
        -e "s|@WEB2@|${CL_ADDR[web2]}:$CL_HTTP_PORT|g" \
        "$REPO_ROOT/nginx/cluster-front.conf.in" >"$STACK_DIR/nginx.conf"
}

cl_lb_start() {
    cl_select lb
    HTTP_PORT=$CL_HTTP_PORT nginx_start
}

cl_lb_stop() { cl_select lb; nginx_stop; }

# ---- the SMTP sink ----

cl_mail_start() {
    cl_select mail
    mkdir -p "$STACK_DIR"/{run,log,mail}
    SMTP_PORT=$CL_SMTP_PORT smtp_start
}

cl_mail_stop() { cl_select mail; smtp_stop; }

# cl_admin ARGS...: the admin tool (migrate, seed, check-revenue) against the cluster, from web1's config.
cl_admin() {
    cl_select web1
    "$BIN_ADMIN" --config "$STACK_CONF" "$@"
}

# cl_admin_on NODE ARGS...: the admin tool against one node only.
cl_admin_on() {
    local node=$1; shift
    cl_select web1
    BOOKFAIR_DB_NODES="${CL_ADDR[$node]}:3306" "$BIN_ADMIN" --config "$STACK_CONF" "$@"
}
