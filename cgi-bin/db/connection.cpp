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
    return d;
}

void library_init() { mysql_library_init(0, nullptr, nullptr); }
void library_end() { mysql_library_end(); }
ThreadScope::ThreadScope() { mysql_thread_init(); }
ThreadScope::~ThreadScope() { mysql_thread_end(); }

Connection::Connection(DbConfig config) : config_(std::move(config)) {}

Connection::~Connection() { disconnect(); }

void Connection::disconnect() {
    for (auto& [sql, stmt] : statements_) mysql_stmt_close(stmt);
    statements_.clear();
    if (mysql_) mysql_close(mysql_);
    mysql_ = nullptr;
    in_transaction_ = false;
}

void Connection::connect() {
    disconnect();
    mysql_ = mysql_init(nullptr);
    if (!mysql_) throw Error(CR_OUT_OF_MEMORY, "mysql_init failed");
    const unsigned connect_timeout = 3, io_timeout = config_.io_timeout_seconds;
    const my_bool no_reconnect = 0;
    mysql_options(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
    mysql_options(mysql_, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
    mysql_options(mysql_, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
    mysql_options(mysql_, MYSQL_OPT_RECONNECT, &no_reconnect);
    mysql_options(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    // UTC everywhere; READ COMMITTED avoids gap locks that turn into needless deadlocks.
    mysql_options(mysql_, MYSQL_INIT_COMMAND,
                  "SET time_zone = '+00:00', SESSION tx_isolation = 'READ-COMMITTED'");
    const char* socket = config_.socket.empty() ? nullptr : config_.socket.c_str();
    const char* host = socket ? "localhost" : config_.host.c_str();
    const char* db = config_.database.empty() ? nullptr : config_.database.c_str();
    if (!mysql_real_connect(mysql_, host, config_.user.c_str(), config_.password.c_str(), db,
                            socket ? 0 : config_.port, socket, 0)) {
        const unsigned code = mysql_errno(mysql_);
        const std::string message = mysql_error(mysql_);
        mysql_close(mysql_);
        mysql_ = nullptr;
        throw Error(code, "cannot connect to MariaDB: " + message);
    }
}

MYSQL* Connection::handle() {
    if (!mysql_) connect();
    return mysql_;
}

void Connection::fail(unsigned code, const std::string& message) {
    Error error(code, message);
    // A lost link is dropped whole; the next use reconnects and prepares afresh.
    if (error.is_connection_lost()) disconnect();
    throw error;
}

bool Connection::ping() {
    try {
        if (mysql_ && mysql_ping(mysql_) == 0) return true;
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

void Connection::begin() {
    simple("START TRANSACTION");
    in_transaction_ = true;
}

void Connection::commit() {
    committing_ = true;
    simple("COMMIT");
    committing_ = false;
    in_transaction_ = false;
}

void Connection::rollback() {
    in_transaction_ = false;
    committing_ = false;
    if (!mysql_) return;
    try {
        simple("ROLLBACK");
    } catch (const Error& e) {
        log::warn(std::string("rollback failed: ") + e.what());
    }
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
        if (!e.is_connection_lost() || in_transaction_ || !is_plain_read(sql)) throw;
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
