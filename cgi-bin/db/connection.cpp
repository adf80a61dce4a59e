#include "db/connection.h"

#include <errmsg.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstring>
#include <strings.h>
#include <random>
#include <thread>

#include "core/log.h"
#include "core/metrics.h"

namespace bf::db {
namespace {

MYSQL_TIME to_mysql_time(Time t) {
    const CivilTime c = to_civil(t);
    MYSQL_TIME m;
    std::memset(&m, 0, sizeof m);
    m.year = static_cast<unsigned>(c.year);
    m.month = static_cast<unsigned>(c.month);
    m.day = static_cast<unsigned>(c.day);
    m.hour = static_cast<unsigned>(c.hour);
    m.minute = static_cast<unsigned>(c.minute);
    m.second = static_cast<unsigned>(c.second);
    m.second_part = static_cast<unsigned long>(c.micros);
    m.time_type = MYSQL_TIMESTAMP_DATETIME;
    return m;
}

Time from_mysql_time(const MYSQL_TIME& m) {
    return from_civil(CivilTime{static_cast<int>(m.year), static_cast<int>(m.month), static_cast<int>(m.day),
                                static_cast<int>(m.hour), static_cast<int>(m.minute), static_cast<int>(m.second),
                                static_cast<int>(m.second_part)});
}

bool is_integer_type(enum_field_types t) {
    return t == MYSQL_TYPE_TINY || t == MYSQL_TYPE_SHORT || t == MYSQL_TYPE_LONG || t == MYSQL_TYPE_LONGLONG ||
           t == MYSQL_TYPE_INT24 || t == MYSQL_TYPE_YEAR;
}

bool is_time_type(enum_field_types t) {
    return t == MYSQL_TYPE_DATETIME || t == MYSQL_TYPE_TIMESTAMP || t == MYSQL_TYPE_DATE;
}

// Buffers one result column is fetched into.
struct ColumnBuffer {
    Cell::Kind kind = Cell::Kind::Text;
    long long integer = 0;
    MYSQL_TIME time{};
    std::vector<char> text;
    unsigned long length = 0;
    my_bool is_null = 0;
    my_bool error = 0;
};

bool names_an_index(std::string_view sql) {
    return sql.find("FORCE INDEX") != std::string_view::npos || sql.find("USE INDEX") != std::string_view::npos;
}

bool is_plain_read(std::string_view sql) {
    size_t i = 0;
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    if (sql.size() - i < 6 || strncasecmp(sql.data() + i, "SELECT", 6) != 0) return false;
    return sql.find("FOR UPDATE") == std::string_view::npos && sql.find("for update") == std::string_view::npos;
}

// Galera: a connection that arrives on a node (at start, after a failover, or moving back) first waits
// until the node has applied every write set committed anywhere before now (a causal read), so that it
// never reads older rows than the node it left had: a buyer whose payment committed on the old node
// sees it paid on the new one. Without it the first cluster test saw 404s for payments just created.
void catch_up(MYSQL* m, int sync_wait) {
    const std::string restore = "SET SESSION wsrep_sync_wait = " + std::to_string(std::max(sync_wait, 0));
    for (const std::string& sql : {std::string("SET SESSION wsrep_sync_wait = 1"), std::string("SELECT 1"), restore}) {
        if (mysql_real_query(m, sql.data(), sql.size()) != 0) throw Error(mysql_errno(m), mysql_error(m));
        if (MYSQL_RES* res = mysql_store_result(m)) mysql_free_result(res);
    }
}

}  // namespace

std::string placeholders(size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
    return s;
}

bool Error::is_connection_lost() const {
    return code_ == CR_SERVER_GONE_ERROR || code_ == CR_SERVER_LOST || code_ == CR_CONNECTION_ERROR ||
           code_ == CR_CONN_HOST_ERROR || code_ == CR_SERVER_LOST_EXTENDED || code_ == 1927 /* killed */ ||
           code_ == 1053 /* server shutdown in progress */ ||
           code_ == 4031 /* client idle too long */;
}

DbConfig DbConfig::from(const Config& c, bool with_database) {
    DbConfig d;
    d.socket = c.get("db_socket");
    d.host = c.get("db_host", "127.0.0.1");
    d.port = static_cast<unsigned>(c.get_int("db_port", 3306));
    d.user = c.get("db_user", "root");
    d.password = c.get("db_password");
    if (with_database) d.database = c.require("db_name");
    d.nodes = parse_endpoints(c.get("db_nodes"));
    d.write_policy = parse_write_policy(c.get("db_write_policy"));
    d.recheck_ms = static_cast<unsigned>(c.get_int("db_recheck_ms", 3000));
    d.io_timeout_s = static_cast<unsigned>(c.get_int("db_io_timeout_seconds", 60));
    // Causal reads cost a cluster round trip per read: needed when writes go to several nodes.
    d.sync_wait = static_cast<int>(c.get_int("db_sync_wait", d.write_policy == WritePolicy::Spread ? 1 : -1));
    return d;
}

void library_init() { mysql_library_init(0, nullptr, nullptr); }
void library_end() { mysql_library_end(); }
ThreadScope::ThreadScope() { mysql_thread_init(); }
ThreadScope::~ThreadScope() { mysql_thread_end(); }

Connection::Connection(DbConfig config) : config_(std::move(config)) {
    if (!config_.nodes.empty())
        nodes_ = NodeSet::shared(config_.nodes, config_.write_policy, std::chrono::milliseconds(config_.recheck_ms));
}

Connection::~Connection() { disconnect(); }

void Connection::disconnect() {
    for (auto& [sql, stmt] : statements_) mysql_stmt_close(stmt);
    statements_.clear();
    if (mysql_) mysql_close(mysql_);
    mysql_ = nullptr;
    // in_transaction_ stays as it is: a transaction whose link is gone has rolled back on the server,
    // and until rollback() ends it here no statement may run (see handle()).
}

void Connection::connect() {
    if (nodes_) return connect_to_cluster();
    const char* socket = config_.socket.empty() ? nullptr : config_.socket.c_str();
    connect_to(socket ? "localhost" : config_.host.c_str(), socket ? 0 : config_.port, socket);
}

// The first node in the set's order that answers and is synced; the others are marked failed for a while.
void Connection::connect_to_cluster() {
    std::string why;
    unsigned code = CR_CONNECTION_ERROR;
    for (const size_t i : nodes_->candidates()) {
        const Endpoint& node = nodes_->at(i);
        try {
            connect_to(node.host.c_str(), node.port, nullptr);
            if (node_ready()) {
                node_ = i;
                nodes_->mark_ok(i);
                catch_up(mysql_, config_.sync_wait);
                return;
            }
            disconnect();
            code = 1047;
            why += " " + node.host + ": not synced;";
        } catch (const Error& e) {
            code = e.code();
            why += " " + node.host + ": " + e.what() + ";";
        }
        nodes_->mark_failed(i);
        log::warn("database node " + node.host + ":" + std::to_string(node.port) + " passed over:" + why);
    }
    throw Error(code, "no database node is ready:" + why);
}

// Galera: the node is in the primary component and synced (a joiner still catching up is not).
bool Connection::node_ready() {
    const char* sql = "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state')";
    if (mysql_real_query(mysql_, sql, std::strlen(sql)) != 0) return false;
    MYSQL_RES* res = mysql_store_result(mysql_);
    if (!res) return false;
    bool ready = true;
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
        const std::string name = row[0] ? row[0] : "", value = row[1] ? row[1] : "";
        if (name == "wsrep_ready" && value != "ON") ready = false;
        if (name == "wsrep_local_state" && value != "4") ready = false;
    }
    mysql_free_result(res);
    return ready;
}

void Connection::connect_to(const char* host, unsigned port, const char* socket) {
    disconnect();
    mysql_ = mysql_init(nullptr);
    if (!mysql_) throw Error(CR_OUT_OF_MEMORY, "mysql_init failed");
    const unsigned connect_timeout = nodes_ ? 1 : 3, io_timeout = config_.io_timeout_s;
    const my_bool no_reconnect = 0;
    mysql_options(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
    mysql_options(mysql_, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
    mysql_options(mysql_, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
    mysql_options(mysql_, MYSQL_OPT_RECONNECT, &no_reconnect);
    mysql_options(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    // UTC everywhere; READ COMMITTED avoids gap locks that turn into needless deadlocks.
    std::string init = "SET time_zone = '+00:00', SESSION tx_isolation = 'READ-COMMITTED'";
    if (nodes_ && config_.sync_wait >= 0) init += ", SESSION wsrep_sync_wait = " + std::to_string(config_.sync_wait);
    mysql_options(mysql_, MYSQL_INIT_COMMAND, init.c_str());
    const char* db = config_.database.empty() ? nullptr : config_.database.c_str();
    if (!mysql_real_connect(mysql_, host, config_.user.c_str(), config_.password.c_str(), db, port, socket, 0)) {
        const unsigned code = mysql_errno(mysql_);
        const std::string message = mysql_error(mysql_);
        mysql_close(mysql_);
        mysql_ = nullptr;
        throw Error(code, "cannot connect to MariaDB: " + message);
    }
}

MYSQL* Connection::handle() {
    // The link was lost inside a transaction: the server rolled back what it had done. Reconnecting
    // here would run the rest of the body in autocommit on a fresh link (the first cluster runs showed
    // a payment callback answer "paid" and queue the receipt while the order's update was lost with
    // the killed node): fail instead, and transaction() runs the whole body again.
    if (!mysql_ && in_transaction_)
        throw Error(CR_SERVER_LOST, "the link to the database was lost inside a transaction, which rolled back");
    // Between transactions: leave a node another connection found failed (rather than wait for this
    // link's own timeout), and with ordered writes move back to an earlier node once it returns.
    if (!mysql_ || (nodes_ && !in_transaction_ && (nodes_->failed(node_) || nodes_->better_than(node_)))) connect();
    return mysql_;
}

std::string Connection::node_name() const {
    if (!nodes_) return "";
    const Endpoint& e = nodes_->at(node_);
    return e.host + ":" + std::to_string(e.port);
}

void Connection::fail(unsigned code, const std::string& message) {
    Error error(code, message);
    // A lost link is dropped whole; the next use reconnects and prepares afresh (on a Galera cluster,
    // to a node that is ready: one that left the primary component refuses everything).
    if (error.is_connection_lost() || error.is_node_not_ready()) disconnect();
    throw error;
}

bool Connection::ping() {
    try {
        if (mysql_ && mysql_ping(mysql_) == 0) return true;
        if (in_transaction_) return false;  // never a fresh link in the middle of a transaction
        connect();
        return mysql_ping(mysql_) == 0;
    } catch (const Error&) {
        return false;
    }
}

void Connection::simple(const char* sql) {
    MYSQL* m = handle();
    if (mysql_real_query(m, sql, std::strlen(sql)) != 0) fail(mysql_errno(m), mysql_error(m));
}

Connection::CausalReads::CausalReads(Connection& connection) : c(connection) {
    c.simple("SET SESSION wsrep_sync_wait = 1");
}

Connection::CausalReads::~CausalReads() {
    // A link lost meanwhile needs nothing: a fresh link starts with the configured value.
    if (!c.mysql_) return;
    const std::string restore = "SET SESSION wsrep_sync_wait = " + std::to_string(std::max(c.config_.sync_wait, 0));
    if (mysql_real_query(c.mysql_, restore.data(), restore.size()) != 0) c.disconnect();
}

void Connection::begin() {
    simple("START TRANSACTION");
    in_transaction_ = true;
}

void Connection::commit() {
    handle();  // a link lost earlier in the transaction: no COMMIT is sent, so the outcome is known
    committing_ = true;
    simple("COMMIT");
    committing_ = false;
    in_transaction_ = false;
    run_after_transaction();
}

void Connection::rollback() {
    in_transaction_ = false;
    committing_ = false;
    // A COMMIT whose answer was lost may have committed: the actions run whatever the outcome.
    run_after_transaction();
    if (!mysql_) return;
    try {
        simple("ROLLBACK");
    } catch (const Error& e) {
        log::warn(std::string("rollback failed: ") + e.what());
    }
}

void Connection::after_transaction(std::function<void()> action) {
    if (in_transaction_) after_transaction_.push_back(std::move(action));
    else action();
}

void Connection::run_after_transaction() {
    auto actions = std::move(after_transaction_);
    after_transaction_.clear();
    for (auto& action : actions) action();
}

void count_transaction_retries(double amount) {
    metrics::registry().count("bookfair_db_transaction_retries_total",
                              "Transactions run again after a deadlock, a lock-wait timeout or a lost link.", amount);
}

void Connection::backoff(int attempt) {
    count_transaction_retries(1);
    // Randomised exponential backoff so two retrying transactions stop colliding.
    thread_local std::mt19937 rng{std::random_device{}()};
    const int ceiling_ms = 2 << std::min(attempt, 7);
    std::this_thread::sleep_for(std::chrono::milliseconds(1 + rng() % ceiling_ms));
}

void Connection::forget(std::string_view sql) {
    const auto it = statements_.find(std::string(sql));
    if (it == statements_.end()) return;
    mysql_stmt_close(it->second);
    statements_.erase(it);
}

MYSQL_STMT* Connection::prepared(std::string_view sql) {
    MYSQL* m = handle();
    const std::string key(sql);
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
    if (statements_.size() >= kMaxPreparedStatements) {
        // Built SQL (search filters, IN lists of every length) has many shapes: start over rather than
        // keep each one prepared on the server for the connection's life.
        for (auto& [text, old] : statements_) mysql_stmt_close(old);
        statements_.clear();
    }
    MYSQL_STMT* stmt = mysql_stmt_init(m);
    if (!stmt) fail(mysql_errno(m), "mysql_stmt_init failed");
    if (mysql_stmt_prepare(stmt, key.data(), key.size()) != 0) {
        const unsigned code = mysql_stmt_errno(stmt);
        const std::string message = std::string(mysql_stmt_error(stmt)) + " in: " + key;
        mysql_stmt_close(stmt);
        fail(code, message);
    }
    const my_bool update_max_length = 1;
    mysql_stmt_attr_set(stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max_length);
    statements_.emplace(key, stmt);
    return stmt;
}

uint64_t Connection::run(std::string_view sql, const std::vector<Param>& params, Rows* rows) {
    try {
        return run_once(sql, params, rows);
    } catch (const Error& e) {
        // After the server restarted, the first use of an old link fails. A plain read outside a
        // transaction is safe to repeat on a fresh connection; a write might have happened, so it is not.
        if (!(e.is_connection_lost() || e.is_node_not_ready()) || in_transaction_ || !is_plain_read(sql)) throw;
        if (rows) rows->clear();
        return run_once(sql, params, rows);
    }
}

uint64_t Connection::run_once(std::string_view sql, const std::vector<Param>& params, Rows* rows) {
    if (observer_) observer_(sql, params);
    MYSQL_STMT* stmt = prepared(sql);
    // A statement that names its index (FORCE INDEX, USE INDEX) is prepared for each run and closed
    // after it. MariaDB 10.11 keeps one TABLE per table and connection; once two kept statements have
    // named different indexes of it, their later runs read each index entry's row as well, as if
    // no index covered the query (a 2,000-entry count at a million books: 0.4 ms fresh, 6 ms
    // re-run; measured with a small libmariadb program, fixed by preparing again).
    struct ForgetHinted {
        Connection& c;
        std::string_view sql;
        ~ForgetHinted() {
            if (names_an_index(sql)) c.forget(sql);
        }
    } forget_hinted{*this, sql};
    ++statements_run_;
    if (mysql_stmt_param_count(stmt) != params.size())
        throw Error(0, "statement expects " + std::to_string(mysql_stmt_param_count(stmt)) + " values, got " +
                           std::to_string(params.size()) + ": " + std::string(sql));

    // Bind parameters; the buffers live in these vectors until execute returns.
    std::vector<MYSQL_BIND> binds(params.size());
    std::vector<long long> ints(params.size());
    std::vector<MYSQL_TIME> times(params.size());
    std::vector<unsigned long> lengths(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        MYSQL_BIND& b = binds[i];
        std::memset(&b, 0, sizeof b);
        const Param& p = params[i];
        switch (p.kind()) {
            case Param::Kind::Null: b.buffer_type = MYSQL_TYPE_NULL; break;
            case Param::Kind::Int:
                ints[i] = p.int_value();
                b.buffer_type = MYSQL_TYPE_LONGLONG;
                b.buffer = &ints[i];
                break;
            case Param::Kind::Text:
            case Param::Kind::Blob:
                lengths[i] = p.text_value().size();
                b.buffer_type = p.kind() == Param::Kind::Text ? MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
                b.buffer = const_cast<char*>(p.text_value().data());
                b.buffer_length = lengths[i];
                b.length = &lengths[i];
                break;
            case Param::Kind::DateTime:
                times[i] = to_mysql_time(p.time_value());
                b.buffer_type = MYSQL_TYPE_DATETIME;
                b.buffer = &times[i];
                break;
        }
    }
    if (!binds.empty() && mysql_stmt_bind_param(stmt, binds.data()) != 0)
        fail(mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
    if (mysql_stmt_execute(stmt) != 0) fail(mysql_stmt_errno(stmt), std::string(mysql_stmt_error(stmt)));

    last_insert_id_ = mysql_stmt_insert_id(stmt);
    const uint64_t affected = mysql_stmt_affected_rows(stmt);

    MYSQL_RES* meta = mysql_stmt_result_metadata(stmt);
    if (!meta) return affected;
    struct MetaGuard {
        MYSQL_RES* m;
        MYSQL_STMT* s;
        ~MetaGuard() {
            mysql_stmt_free_result(s);
            mysql_free_result(m);
        }
    } guard{meta, stmt};

    if (mysql_stmt_store_result(stmt) != 0) fail(mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
    const unsigned columns = mysql_num_fields(meta);
    MYSQL_FIELD* fields = mysql_fetch_fields(meta);
    std::vector<ColumnBuffer> buffers(columns);
    std::vector<MYSQL_BIND> out(columns);
    for (unsigned c = 0; c < columns; ++c) {
        MYSQL_BIND& b = out[c];
        std::memset(&b, 0, sizeof b);
        ColumnBuffer& buf = buffers[c];
        if (is_integer_type(fields[c].type)) {
            buf.kind = Cell::Kind::Int;
            b.buffer_type = MYSQL_TYPE_LONGLONG;
            b.buffer = &buf.integer;
        } else if (is_time_type(fields[c].type)) {
            buf.kind = Cell::Kind::DateTime;
            b.buffer_type = MYSQL_TYPE_DATETIME;
            b.buffer = &buf.time;
        } else {
            buf.kind = Cell::Kind::Text;
            buf.text.resize(fields[c].max_length + 1);
            b.buffer_type = MYSQL_TYPE_STRING;
            b.buffer = buf.text.data();
            b.buffer_length = buf.text.size();
        }
        b.length = &buf.length;
        b.is_null = &buf.is_null;
        b.error = &buf.error;
    }
    if (mysql_stmt_bind_result(stmt, out.data()) != 0) fail(mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
    rows->reserve(mysql_stmt_num_rows(stmt));
    for (;;) {
        const int status = mysql_stmt_fetch(stmt);
        if (status == MYSQL_NO_DATA) break;
        if (status == 1) fail(mysql_stmt_errno(stmt), mysql_stmt_error(stmt));
        std::vector<Cell> cells(columns);
        for (unsigned c = 0; c < columns; ++c) {
            const ColumnBuffer& buf = buffers[c];
            Cell& cell = cells[c];
            if (buf.is_null) continue;
            cell.kind = buf.kind;
            if (buf.kind == Cell::Kind::Int) cell.int_value = buf.integer;
            else if (buf.kind == Cell::Kind::DateTime) cell.time = from_mysql_time(buf.time);
            else cell.text.assign(buf.text.data(), std::min<size_t>(buf.length, buf.text.size()));
        }
        rows->emplace_back(std::move(cells));
    }
    return affected;
}

void Connection::execute_script(const std::string& sql) {
    MYSQL* m = handle();
    mysql_set_server_option(m, MYSQL_OPTION_MULTI_STATEMENTS_ON);
    // A lost link is closed by fail(): only a handle still open is switched back.
    struct Off {
        MYSQL* m;
        MYSQL*& current;
        ~Off() {
            if (current == m) mysql_set_server_option(m, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
        }
    } off{m, mysql_};
    if (mysql_real_query(m, sql.data(), sql.size()) != 0) fail(mysql_errno(m), mysql_error(m));
    for (;;) {
        if (MYSQL_RES* res = mysql_store_result(m)) mysql_free_result(res);
        const int next = mysql_next_result(m);
        if (next == -1) break;
        if (next > 0) fail(mysql_errno(m), mysql_error(m));
    }
}

}  // namespace bf::db
